using Marten;

namespace Diplomacy.ServiceDefaults.EventStore;

public static class Replay
{
    /// <summary>
    /// The state of a stream as it was at <paramref name="version"/> or <paramref name="asOf"/>, folded from
    /// the events themselves (never from a snapshot). Null when the stream had no events by then.
    /// </summary>
    public static async Task<T?> ReplayAsync<T>(
        this IQuerySession session, Guid id, long? version = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
        where T : class, IAggregate<T>
    {
        var events = await session.Events.FetchStreamAsync(id, version ?? 0, asOf, token: ct);
        T? state = null;
        foreach (var @event in events)
        {
            state = T.Evolve(state, @event.Data);
            if (state is null) continue;
            state.Id = id;
            state.Version = @event.Version;
        }
        return state;
    }
}
