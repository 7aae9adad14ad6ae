using System.Runtime.CompilerServices;
using Npgsql;

namespace Diplomacy.ServiceDefaults.Audit;

/// <summary>Reads events and their chain links with plain SQL, row by row, so exports run in constant memory.</summary>
public sealed class AuditReader(AuditDatabase database, AuditSchema schema)
{
    // The columns as stored: Npgsql reads jsonb as its text (jsonb_send is jsonb_out's text), and the timestamp is formatted
    // here as the trigger formats it (AuditSchema.TimestampSql). Casting and formatting in SQL tripled a history's cost.
    private const string EventColumns =
        "e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data, e.correlation_id, e.causation_id, e.user_name, e.headers";

    private async Task<(IReadOnlyList<ChainLink> Links, IReadOnlyList<ChainedEvent> Events)> ReadStreamAsync(Guid streamId, CancellationToken ct)
    {
        var links = new List<ChainLink>();
        await using (var command = database.DataSource.CreateCommand(
            $"select seq_id, version, previous_hash, hash, content_hash, metadata_hash, timestamp from {schema.Schema}.diplomacy_audit_chain where stream_id = $1 order by version"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                links.Add(new ChainLink(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        var events = new List<ChainedEvent>();
        await using (var command = database.DataSource.CreateCommand($"select {EventColumns} from {schema.Schema}.mt_events e where e.stream_id = $1 order by e.version"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) events.Add(ReadEvent(reader));
        }
        return (links, events);
    }

    public async Task<StreamVerification> VerifyStreamAsync(Guid streamId, CancellationToken ct)
    {
        var (links, events) = await ReadStreamAsync(streamId, ct);
        return ChainVerifier.Verify(streamId, links, events);
    }

    /// <summary>Every stream id the service holds or ever chained, in order.</summary>
    public async IAsyncEnumerable<Guid> StreamIdsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select id from {schema.Schema}.mt_streams union select stream_id from {schema.Schema}.diplomacy_audit_chain order by 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return reader.GetGuid(0);
    }

    /// <summary>The whole log from a sequence on, each event with the hash recorded for it.</summary>
    public async IAsyncEnumerable<(ChainedEvent Event, ChainLink? Link)> EventsFromAsync(long fromSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"""
            select {EventColumns}, c.previous_hash, c.hash, c.content_hash, c.metadata_hash, c.timestamp
              from {schema.Schema}.mt_events e left join {schema.Schema}.diplomacy_audit_chain c on c.seq_id = e.seq_id
             where e.seq_id >= $1 order by e.seq_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = fromSequence });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var @event = ReadEvent(reader);
            var link = await reader.IsDBNullAsync(10, ct) ? null
                : new ChainLink(@event.Sequence, @event.Version, reader.GetString(10), reader.GetString(11), reader.GetString(12), reader.GetString(13), reader.GetString(14));
            yield return (@event, link);
        }
    }

    /// <summary>One page of a stream's history, each event with its recorded hash.</summary>
    /// <remarks>
    /// The hashes are read by a second range scan and matched by sequence: joining the chain in SQL made PostgreSQL hash
    /// the whole chain table, which cost more than reading the page itself.
    /// </remarks>
    public async Task<IReadOnlyList<(ChainedEvent Event, string? Hash)>> HistoryAsync(Guid streamId, int skip, int take, CancellationToken ct)
    {
        var events = new List<ChainedEvent>();
        await using (var command = database.DataSource.CreateCommand(
            $"select {EventColumns} from {schema.Schema}.mt_events e where e.stream_id = $1 order by e.version offset $2 limit $3"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            command.Parameters.Add(new NpgsqlParameter { Value = (long)skip });
            command.Parameters.Add(new NpgsqlParameter { Value = (long)take });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) events.Add(ReadEvent(reader));
        }
        if (events.Count == 0) return [];

        var hashes = new Dictionary<long, string>(events.Count);
        await using (var command = database.DataSource.CreateCommand(
            $"select seq_id, hash from {schema.Schema}.diplomacy_audit_chain where stream_id = $1 and version between $2 and $3"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = streamId });
            command.Parameters.Add(new NpgsqlParameter { Value = events[0].Version });
            command.Parameters.Add(new NpgsqlParameter { Value = events[^1].Version });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) hashes[reader.GetInt64(0)] = reader.GetString(1);
        }
        return events.ConvertAll(e => (e, hashes.GetValueOrDefault(e.Sequence)));
    }

    public async Task<long> CountAsync(Guid streamId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"select count(*) from {schema.Schema}.mt_events where stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static ChainedEvent ReadEvent(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), ChainedEvent.FormatTimestamp(reader.GetFieldValue<DateTime>(4)), reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9));
}
