using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Benchmarks;

public sealed record CounterStarted(string Name);

public sealed record CounterIncremented(int By, string Note);

public enum CounterStatus
{
    Counting = 1,
}

/// <summary>A tiny aggregate to replay: a counter whose every increment is an event.</summary>
public sealed record BenchCounter : IAggregate<BenchCounter>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public CounterStatus Status { get; init; }
    public string Name { get; init; } = "";
    public long Total { get; init; }

    /// <summary>The instance form Marten's source-generated evolver calls; a blank instance stands for "no state".</summary>
    public BenchCounter? Evolve(object @event)
    {
        if (Status != default) return Evolve(this, @event);
        var created = Evolve(null, @event);
        if (created is not null) (created.Id, created.Version) = (Id, Version);
        return created;
    }

    public static BenchCounter? Evolve(BenchCounter? state, object @event) => (state, @event) switch
    {
        (null, CounterStarted e) => new BenchCounter { Status = CounterStatus.Counting, Name = e.Name },
        (not null, CounterIncremented e) => state with { Total = state.Total + e.By },
        _ => state,
    };

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(CounterStarted)] = "bench_counter_started",
        [typeof(CounterIncremented)] = "bench_counter_incremented",
    };
}
