using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.Benchmarks;

/// <summary>
/// The services' event store with nothing around it, in this process on a database of its own: the store as every
/// service configures it (<see cref="EventStoreExtensions.AddEventStore"/>: the hash chain, the wake-up, an inline
/// snapshot of <see cref="BenchCounter"/>), no HTTP, no relay, no consumers. The audit benchmark replays and exports
/// from it; the commands benchmark appends to it beside the commands and the raw inserts, so the run shows how much of a
/// command's cost is the store's append itself.
/// </summary>
public sealed class EventStoreAlone : IAsyncDisposable
{
    private readonly IHost _host;

    private EventStoreAlone(string database, IHost host) =>
        (Database, _host, Store) = (database, host, host.Services.GetRequiredService<IDocumentStore>());

    /// <summary>The connection string of its database, for raw reads beside it.</summary>
    public string Database { get; }
    public IDocumentStore Store { get; }
    public IServiceProvider Services => _host.Services;

    public static async Task<EventStoreAlone> StartAsync()
    {
        var database = await TestServers.CreateDatabaseAsync("bench");
        try
        {
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
        catch
        {
            await TestServers.DropDatabaseAsync(database);
            throw;
        }
    }

    /// <summary>One stream started with one event, its snapshot stored in the same transaction: as a registration is.</summary>
    public async Task<bool> AppendAsync(int client)
    {
        await using var session = AuditBench.Stamped(Store.LightweightSession());
        session.Events.StartStream<BenchCounter>(Guid.CreateVersion7(), new CounterStarted("benchmark counter"));
        await session.SaveChangesAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        finally
        {
            await TestServers.DropDatabaseAsync(Database);
        }
    }
}
