using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.Benchmarks;

/// <summary>
/// The services' event store with nothing around it, in this process on a database of its own: the store as every
/// service configures it (<see cref="EventStoreExtensions.AddEventStore"/>: the hash chain, the wake-up, an inline
/// snapshot), each operation a new stream of one event, as a registration is. The commands benchmark runs it beside
/// the commands and the raw inserts, so the run shows how much of a command's cost is the store's append itself, and
/// how much is HTTP, the service, the relay and the consumers.
/// </summary>
public sealed class EventStoreAlone : IAsyncDisposable
{
    private readonly string _database;
    private readonly IHost _host;
    private readonly IDocumentStore _store;

    private EventStoreAlone(string database, IHost host) =>
        (_database, _host, _store) = (database, host, host.Services.GetRequiredService<IDocumentStore>());

    public static async Task<EventStoreAlone> StartAsync()
    {
        var database = await TestServers.CreateDatabaseAsync("bench");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration["ConnectionStrings:Postgres"] = database;
        // Above the services' appsettings copied beside the harness, which let the host's start and stop through.
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        builder.Services.AddHealthChecks();
        builder.AddEventStore(o => o.AddAggregate<BenchCounter>());
        var host = builder.Build();
        await host.StartAsync(); // AuditSchema, a hosted service, installs the hash-chain trigger
        return new EventStoreAlone(database, host);
    }

    /// <summary>One stream started with one event, its snapshot stored in the same transaction.</summary>
    public async Task<bool> AppendAsync(int client)
    {
        await using var session = AuditBench.Stamped(_store.LightweightSession());
        session.Events.StartStream<BenchCounter>(Guid.CreateVersion7(), new CounterStarted("benchmark counter"));
        await session.SaveChangesAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await TestServers.DropDatabaseAsync(_database);
    }
}
