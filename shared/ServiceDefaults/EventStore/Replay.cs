using Marten;

namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>A state replayed from the events, with the version and the time of the last event it reflects.</summary>
public sealed record ReplayedState<T>(long Version, DateTimeOffset Timestamp, T State);

public static class Replay
{
    /// <summary>
    /// The state of a stream as it was at <paramref name="version"/> or <paramref name="asOf"/>, folded from
    /// the events themselves (never from a snapshot). Null when the stream had no events by then.
    /// </summary>
    public static async Task<ReplayedState<T>?> ReplayAtAsync<T>(
        this IQuerySession session, Guid id, long? version = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
        where T : class, IAggregate<T>
    {
        var events = await session.Events.FetchStreamAsync(id, version ?? 0, asOf, token: ct);
        T? state = null;
        foreach (var @event in events) state = T.FoldStored(state, @event.Data);
        if (state is null) return null;
        state.Id = id;
        state.Version = events[^1].Version;
        return new ReplayedState<T>(state.Version, events[^1].Timestamp, state);
    }

    public static async Task<T?> ReplayAsync<T>(
        this IQuerySession session, Guid id, long? version = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
        where T : class, IAggregate<T> =>
        (await session.ReplayAtAsync<T>(id, version, asOf, ct))?.State;
}
