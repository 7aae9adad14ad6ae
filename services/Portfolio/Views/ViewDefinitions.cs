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
        options.Projections.Add(new ViewsProjection(), ProjectionLifecycle.Async);
        foreach (var kind in ViewsProjection.Kinds) kind.Map(options);
        options.Schema.For<ViewDefinition>();
        return options;
    }
}

/// <summary>Rebuilds the views from the portfolio's streams: on the admin command, or at start when a definition changed.</summary>
public sealed class ViewRebuilder(IDocumentStore store, IProjectionCoordinator coordinator, ILogger<ViewRebuilder> logger)
{
    public static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Rebuilds every view (one projection keeps them all) and records the definition each was built with.</summary>
    public async Task<IReadOnlyList<string>> RebuildAsync(CancellationToken ct)
    {
        logger.LogInformation("Rebuilding the views");
        await AnalyzeEventsAsync(ct);
        var daemon = coordinator.DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync(ViewsProjection.ProjectionName, ShardTimeout, ct);
        // A rebuild leaves the shard stopped; the views must go on following new events.
        await daemon.StartAgentAsync($"{ViewsProjection.ProjectionName}:All", ct);
        await using var session = store.LightweightSession();
        foreach (var (name, version) in ViewDefinitions.Versions)
            session.Store(new ViewDefinition { Id = name, Version = version, BuiltAt = DateTimeOffset.UtcNow });
        await session.SaveChangesAsync(ct);
        return [.. ViewDefinitions.Versions.Keys];
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

    /// <summary>
    /// Removes the progress of the shards each kind of view once had of its own ("TieView:All"): nothing follows them now,
    /// and a checkpoint left behind would look like a view that stopped.
    /// </summary>
    public async Task ForgetRetiredShardsAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.QueueSqlCommand($"delete from {store.Options.Events.DatabaseSchemaName}.mt_event_progression where name = any(?)",
            (object)ViewDefinitions.Versions.Keys.Select(name => $"{name}:All").ToArray());
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
            await rebuilder.ForgetRetiredShardsAsync(stoppingToken);
            var stale = await rebuilder.StaleAsync(stoppingToken);
            if (stale.Count == 0) return;
            logger.LogInformation("The definition of {Views} changed since the views were built", string.Join(", ", stale));
            await rebuilder.RebuildAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Could not rebuild the views whose definition changed; POST /api/portfolio/admin/rebuild rebuilds them all");
        }
    }
}
