using Diplomacy.Portfolio.Admin;
using Diplomacy.Portfolio.Cities;
using Diplomacy.Portfolio.Goals;
using Diplomacy.Portfolio.Learning;
using Diplomacy.Portfolio.OpenData;
using Diplomacy.Portfolio.Reads;
using Diplomacy.Portfolio.Views;
using Diplomacy.ServiceDefaults;
using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventStore(store => store
    .AddViews()
    .AddAggregate<Goal>());
builder.AddMessageBus("portfolio", bus => bus.AddChangeConsumers());
builder.AddApiDocument();
builder.Services.AddSingleton(CityAtlas.Load());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<DirectionThresholds>(builder.Configuration.GetSection("Directions"));
builder.Services.AddSingleton<ViewRebuilder>();
builder.Services.AddHostedService<ViewDefinitionWatcher>();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi();
app.MapPortfolioReads();
app.MapGoals();
app.MapOpenData();
app.MapAdmin();
app.MapAuditEndpoints("/api/portfolio");

await app.RunOrApplySchemaAsync(args);   // --apply-schema: apply the database schema and exit (Production)

public partial class Program;
