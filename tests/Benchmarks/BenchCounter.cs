using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Benchmarks;

public interface ICounterEvent : IEventOf<BenchCounter>;

public sealed record CounterStarted(string Name) : ICounterEvent;

public sealed record CounterIncremented(int By, string Note) : ICounterEvent;

public enum CounterStatus
{
    Counting = 1,
}

/// <summary>A tiny aggregate to replay: a counter whose every increment is an event.</summary>
public sealed record BenchCounter : IAggregate<BenchCounter, ICounterEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public CounterStatus Status { get; init; }
    public string Name { get; init; } = "";
    public long Total { get; init; }

    public static BenchCounter? Fold(BenchCounter? state, ICounterEvent @event) => (state, @event) switch
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
