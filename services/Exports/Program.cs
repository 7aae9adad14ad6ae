using Diplomacy.Exports.Integration;
using Diplomacy.Exports.Projects;
using Diplomacy.ServiceDefaults;
using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventStore(store =>
    {
        store.AddAggregate<ExportProject>();
        // The lead of an exchange (?exchange=) is looked up by it: without an index, every project is read for one.
        store.Schema.For<ExportProject>().Index(p => p.ExchangeId);
    })
    .AddOutboxRelay<Outgoing>();
builder.AddMessageBus("exports", bus => bus.AddConsumer<PolicyAdoptedWithProcurementIntentConsumer>());
builder.AddApiDocument();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi();
app.MapExportProjects();
app.MapAuditEndpoints("/api/exports");

await app.RunOrApplySchemaAsync(args);   // --apply-schema: apply the database schema and exit (Production)

public partial class Program;
