using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;

namespace Diplomacy.Portfolio.Views;

/// <summary>The version a view's definition had when it was last built; a different version in the code rebuilds it.</summary>
public sealed class ViewDefinition
{
    public required string Id { get; init; }
    public int Version { get; init; }
    public DateTimeOffset BuiltAt { get; init; }
}

/// <summary>
/// The views and the version of each one's definition. Raise a view's number whenever what its projection keeps
/// changes: the next start rebuilds it from the portfolio's streams, with no manual step.
/// </summary>
public static class ViewDefinitions
{
    public static IReadOnlyDictionary<string, int> Versions { get; } = new Dictionary<string, int>
    {
        [nameof(NetworkView)] = 1,
        [nameof(MembershipView)] = 1,
        [nameof(TieView)] = 1,
        [nameof(PolicyView)] = 1,
        [nameof(ExchangeView)] = 1,
        [nameof(ProgramView)] = 1,
        [nameof(ProjectView)] = 1,
    };

    public static StoreOptions AddViews(this StoreOptions options)
    {
        foreach (var (type, name) in Learning.Received.StoredEventNames) options.Events.MapEventType(type, name);
        options.Projections.Add(new ViewProjection<NetworkView, NetworkChanged>(), ProjectionLifecycle.Async);
        options.Projections.Add(new ViewProjection<MembershipView, MembershipChanged>(), ProjectionLifecycle.Async);
        options.Projections.Add(new ViewProjection<TieView, PartnerTieChanged>(), ProjectionLifecycle.Async);
        options.Projections.Add(new ViewProjection<PolicyView, PolicyChanged>(), ProjectionLifecycle.Async);
        options.Projections.Add(new ViewProjection<ExchangeView, ExchangeChanged>(), ProjectionLifecycle.Async);
        options.Projections.Add(new ViewProjection<ProgramView, PeaceProgramChanged>(), ProjectionLifecycle.Async);
        options.Projections.Add(new ViewProjection<ProjectView, ExportProjectChanged>(), ProjectionLifecycle.Async);
        options.Schema.For<ViewDefinition>();
        return options;
    }
}

/// <summary>Rebuilds views from the portfolio's streams: all on the admin command, or those whose definition changed at start.</summary>
public sealed class ViewRebuilder(IDocumentStore store, IProjectionCoordinator coordinator, ILogger<ViewRebuilder> logger)
{
    public static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Rebuilds <paramref name="views"/> (every view when null) and records the definition each was built with.</summary>
    public async Task<IReadOnlyList<string>> RebuildAsync(IEnumerable<string>? views, CancellationToken ct)
    {
        var names = (views ?? ViewDefinitions.Versions.Keys).ToList();
        await AnalyzeEventsAsync(ct);
        var daemon = coordinator.DaemonForMainDatabase();
        foreach (var name in names)
        {
            logger.LogInformation("Rebuilding view {View} (definition {Version})", name, ViewDefinitions.Versions[name]);
            await daemon.RebuildProjectionAsync(name, ShardTimeout, ct);
            // A rebuild leaves the shard stopped; the view must go on following new events.
            await daemon.StartAgentAsync($"{name}:All", ct);
            await using var session = store.LightweightSession();
            session.Store(new ViewDefinition { Id = name, Version = ViewDefinitions.Versions[name], BuiltAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync(ct);
        }
        return names;
    }

    /// <summary>
    /// Brings PostgreSQL's statistics of the event tables up to date. Right after a bulk of appends (a backfill, an
    /// import) they can still describe the tables before it, and the rebuild's page reads were then planned so badly
    /// that a rebuild of 103,000 events took about 33 s instead of 3 (each page of 500 read in about 260 ms).
    /// </summary>
    private async Task AnalyzeEventsAsync(CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var session = store.LightweightSession();
        session.QueueSqlCommand($"analyze {schema}.mt_events");
        session.QueueSqlCommand($"analyze {schema}.mt_streams");
        await session.SaveChangesAsync(ct);
    }

    /// <summary>The views whose recorded definition differs from the code's. A view never recorded is built by the daemon as events come.</summary>
    public async Task<IReadOnlyList<string>> StaleAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var recorded = (await session.Query<ViewDefinition>().ToListAsync(ct)).ToDictionary(d => d.Id, d => d.Version);
        if (recorded.Count == 0)
        {
            // A first start: the daemon builds every view from the first event; record the definitions it builds with.
            await using var write = store.LightweightSession();
            foreach (var (name, version) in ViewDefinitions.Versions)
                write.Store(new ViewDefinition { Id = name, Version = version, BuiltAt = DateTimeOffset.UtcNow });
            await write.SaveChangesAsync(ct);
            return [];
        }
        return [.. ViewDefinitions.Versions.Where(v => recorded.GetValueOrDefault(v.Key) != v.Value).Select(v => v.Key)];
    }
}

/// <summary>At start, rebuilds the views whose definition version changed since they were built.</summary>
public sealed class ViewDefinitionWatcher(ViewRebuilder rebuilder, ILogger<ViewDefinitionWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var stale = await rebuilder.StaleAsync(stoppingToken);
            if (stale.Count > 0) await rebuilder.RebuildAsync(stale, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Could not rebuild the views whose definition changed; POST /api/portfolio/admin/rebuild rebuilds them all");
        }
    }
}
