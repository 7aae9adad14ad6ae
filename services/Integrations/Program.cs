using Diplomacy.Integrations.Deliveries;
using Diplomacy.Integrations.Feed;
using Diplomacy.Integrations.Webhooks;
using Diplomacy.ServiceDefaults;
using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEventStore(store =>
    {
        store.AddAggregate<WebhookSubscription>();
        store.Events.MapEventType<IntegrationEventReceived>(IntegrationEventReceived.StoredName);
        store.Schema.For<Delivery>().DocumentAlias("webhook_delivery").UseOptimisticConcurrency(true);
        store.Schema.For<WebhookSecret>().DocumentAlias("webhook_secret");
    })
    .AddSubscriptionWithServices<DeliveryFanOut>(ServiceLifetime.Singleton);
builder.AddMessageBus("integrations", bus => bus.AddIntegrationEventConsumers(ContractCatalog.Default));
builder.AddApiDocument(options => options.AddSchemaTransformer(FeedSchema.TransformAsync));

builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
builder.Services.AddSingleton(ContractCatalog.Default);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(PostgresConnection.Postgres(builder.Configuration)));
builder.Services.AddSingleton<EventLog>();
builder.Services.AddSingleton<LogWriter>();
builder.Services.AddSingleton<LogSignal>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LogSignal>());
builder.Services.AddSingleton<TargetPolicy>();
builder.Services.AddSingleton<SecretVault>();
builder.Services.AddSingleton<DeliverySender>();
builder.Services.AddHostedService<Dispatcher>();
builder.Services.AddHttpClient(DeliverySender.ClientName, (sp, client) =>
        client.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.Timeout)
    .ConfigurePrimaryHttpMessageHandler(sp =>
    {
        var targets = sp.GetRequiredService<TargetPolicy>();
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = (context, ct) => DeliverySender.ConnectAsync(targets, context, ct),
        };
    });

var app = builder.Build();
// Fails at start, not at the first registration, when no key can encrypt the signing secrets.
app.Services.GetRequiredService<SecretVault>();

app.UseServiceDefaults();
app.MapOpenApi();
app.MapFeed();
app.MapWebhooks().MapDeliveries();
app.MapAuditEndpoints("/api/integrations");

await app.RunOrApplySchemaAsync(args);   // --apply-schema: apply the database schema and exit (Production)

public partial class Program;
