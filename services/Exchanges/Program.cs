using Diplomacy.Exchanges.Exchanges;
using Diplomacy.Exchanges.Integration;
using Diplomacy.Exchanges.Policies;
using Diplomacy.ServiceDefaults;
using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventStore(store =>
    {
        store.AddAggregate<Policy>().AddAggregate<Exchange>();
        // Two membership facts about one network may be consumed at once: the later commit must not silently win.
        store.Schema.For<NetworkMembershipStatus>().UseOptimisticConcurrency(true);
    })
    .AddOutboxRelay<Outgoing>();
builder.AddMessageBus("exchanges", bus =>
{
    bus.AddConsumer<MembershipActivatedConsumer>();
    bus.AddConsumer<MembershipEndedConsumer>();
});
builder.AddApiDocument();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi();
app.MapPolicies().MapPolicyAdoptions();
app.MapExchanges();
app.MapAuditEndpoints("/api/exchanges");

await app.RunOrApplySchemaAsync(args);   // --apply-schema: apply the database schema and exit (Production)

public partial class Program;
