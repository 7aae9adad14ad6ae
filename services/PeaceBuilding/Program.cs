using Diplomacy.PeaceBuilding.Integration;
using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults;
using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventStore(store => store
        .AddAggregate<PeaceProgram>())
    .AddOutboxRelay<Outgoing>();
builder.AddMessageBus("peace");
builder.AddApiDocument();
// "How long has it been suspended" is asked of the clock at the HTTP edge; decisions never read it.
builder.Services.TryAddSingleton(TimeProvider.System);

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi();
app.MapPeacePrograms();
app.MapAuditEndpoints("/api/peace");

await app.RunOrApplySchemaAsync(args);   // --apply-schema: apply the database schema and exit (Production)

public partial class Program;
