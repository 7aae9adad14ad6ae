using System.Collections.Frozen;
using Marten;
using Npgsql;

namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>A state replayed from the events, with the version and the time of the last event it reflects.</summary>
public sealed record ReplayedState<T>(long Version, DateTimeOffset Timestamp, T State);

public static class Replay
{
    /// <summary>
    /// The state of a stream as it was at <paramref name="version"/> or <paramref name="asOf"/>, folded from
    /// the events themselves (never from a snapshot). Null when the stream had no events by then.
    /// </summary>
    /// <remarks>
    /// Reads only the four columns a fold needs and deserialises each event straight from the row with the store's
    /// serializer: Marten's <c>FetchStreamAsync</c> also reads and wraps every metadata column, which made a replay
    /// cost ten times the raw read of the same rows.
    /// </remarks>
    public static async Task<ReplayedState<T>?> ReplayAtAsync<T>(
        this IQuerySession session, Guid id, long? version = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
        where T : class, IAggregate<T>
    {
        var remembered = asOf is null && version is not null ? ReplayMemo.Current?.For(id) : null;
        if (remembered is not null && remembered.TryFold<T>(version!.Value, out var folded)) return folded;

        var types = StoredTypes<T>.ByName;
        var serializer = session.DocumentStore.Options.Serializer();
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;

        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
            select type, version, timestamp, data from {schema}.mt_events
             where stream_id = $1 and version <= $2 and timestamp <= $3
             order by version
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = version ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter { Value = (asOf ?? DateTimeOffset.MaxValue).ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);

        T? state = null;
        long last = 0;
        DateTimeOffset lastTimestamp = default;
        while (await reader.ReadAsync(ct))
        {
            var type = reader.GetString(0);
            last = reader.GetInt64(1);
            lastTimestamp = reader.GetFieldValue<DateTimeOffset>(2);
            // An event type this aggregate does not fold (none today) leaves the state as it is, as in the store.
            if (!types.TryGetValue(type, out var clrType)) continue;
            state = T.FoldStored(state, serializer.FromJson(clrType, reader, 3));
        }
        if (state is null) return null;
        state.Id = id;
        state.Version = last;
        var replayed = new ReplayedState<T>(last, lastTimestamp, state);
        remembered?.Remember(replayed);
        return replayed;
    }

    /// <summary>
    /// While the returned scope lasts, a replay of <paramref name="events"/>' stream to one of their versions (without
    /// <c>asOf</c>) folds them in memory from the state it replayed last, or from nothing when they start the stream,
    /// instead of reading the stream again. For the outbox relay, which replays each event it publishes, often twice (its
    /// message, then its "...Changed"), one after the other.
    /// </summary>
    public static IDisposable Remember(IReadOnlyList<JasperFx.Events.IEvent> events) => ReplayMemo.Enter(events);

    public static async Task<T?> ReplayAsync<T>(
        this IQuerySession session, Guid id, long? version = null, DateTimeOffset? asOf = null, CancellationToken ct = default)
        where T : class, IAggregate<T> =>
        (await session.ReplayAtAsync<T>(id, version, asOf, ct))?.State;

    /// <summary>The events of one stream being relayed, and the last state replayed from them or for them.</summary>
    private sealed class ReplayMemo
    {
        private static readonly AsyncLocal<ReplayMemo?> Ambient = new();
        private readonly Guid _stream;
        private readonly Dictionary<long, JasperFx.Events.IEvent> _byVersion;
        private object? _last; // a ReplayedState<T>

        private ReplayMemo(IReadOnlyList<JasperFx.Events.IEvent> events) =>
            (_stream, _byVersion) = (events[0].StreamId, events.ToDictionary(e => e.Version));

        public static ReplayMemo? Current => Ambient.Value;

        public static IDisposable Enter(IReadOnlyList<JasperFx.Events.IEvent> events)
        {
            var outer = Ambient.Value;
            Ambient.Value = events.Count == 0 ? null : new ReplayMemo(events);
            return new Scope(() => Ambient.Value = outer);
        }

        public ReplayMemo? For(Guid stream) => stream == _stream ? this : null;

        public void Remember<T>(ReplayedState<T> replayed) => _last = replayed;

        /// <summary>
        /// The state at <paramref name="version"/>, folded from the last one remembered (or from nothing, when these
        /// events start the stream) and the events after it; false when an event between them is not among these.
        /// </summary>
        public bool TryFold<T>(long version, out ReplayedState<T>? replayed) where T : class, IAggregate<T>
        {
            replayed = null;
            var start = _last is ReplayedState<T> last && last.Version <= version ? last : null;
            var from = start?.Version ?? 0;
            for (var v = from + 1; v <= version; v++)
                if (!_byVersion.ContainsKey(v)) return false;

            var (state, timestamp) = (start?.State, start?.Timestamp ?? default);
            for (var v = from + 1; v <= version; v++)
            {
                var @event = _byVersion[v];
                state = T.FoldStored(state, @event.Data);
                timestamp = @event.Timestamp;
            }
            if (state is null) return true;
            if (version > from) (state.Id, state.Version) = (_stream, version);
            _last = replayed = new ReplayedState<T>(version, timestamp, state);
            return true;
        }

        private sealed class Scope(Action exit) : IDisposable
        {
            public void Dispose() => exit();
        }
    }

    /// <summary>The CLR type of each stored event name of one aggregate, built once.</summary>
    private static class StoredTypes<T> where T : class, IAggregate<T>
    {
        public static readonly FrozenDictionary<string, Type> ByName =
            T.StoredEventNames.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }
}
