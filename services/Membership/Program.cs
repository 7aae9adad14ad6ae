using Diplomacy.Membership.Integration;
using Diplomacy.Membership.Memberships;
using Diplomacy.Membership.Networks;
using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults;
using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventStore(store => store
        .AddAggregate<Network>()
        .AddAggregate<Membership>()
        .AddAggregate<PartnerCity>())
    .AddOutboxRelay<Outgoing>();
builder.AddMessageBus("membership");
builder.AddApiDocument();

var app = builder.Build();

app.UseServiceDefaults();
app.MapOpenApi();
app.MapNetworks();
app.MapMemberships();
app.MapPartnerCities();
app.MapAuditEndpoints("/api/membership");

await app.RunOrApplySchemaAsync(args);   // --apply-schema: apply the database schema and exit (Production)

public partial class Program;
