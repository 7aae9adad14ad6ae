using System.Text.Json;
using Diplomacy.ServiceDefaults.Http;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Diplomacy.Integrations.Feed;

/// <summary>One entry of the log: its sequence (the cursor), when it was committed, and the event.</summary>
public sealed record LogEntry(long Sequence, DateTimeOffset CommittedAt, IntegrationEventReceived Event);

/// <summary>
/// Reads the log from Marten's event table. Only entries the fan-out has passed are read: its checkpoint moves in
/// sequence order past committed events only (the daemon waits for gaps to close), so an entry never appears behind a
/// cursor a reader already holds.
/// </summary>
public sealed class EventLog(IDocumentStore store, NpgsqlDataSource dataSource)
{
    private string Schema => store.Options.Events.DatabaseSchemaName;

    /// <summary>The sequence up to which the log is settled.</summary>
    public async Task<long> SettledAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select coalesce(max(last_seq_id), 0) from \"{Schema}\".mt_event_progression where name like '{Deliveries.DeliveryFanOut.ShardPrefix}%'");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Up to <paramref name="limit"/> entries after <paramref name="after"/> and up to <paramref name="upTo"/>, of the given types (all when empty).</summary>
    public async Task<IReadOnlyList<LogEntry>> ReadAsync(long after, long upTo, IReadOnlyCollection<string> types, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select seq_id, timestamp, data from "{Schema}".mt_events
            where seq_id > $1 and seq_id <= $2 and type = '{IntegrationEventReceived.StoredName}'
              and (cardinality($3) = 0 or data ->> 'type' = any($3))
            order by seq_id limit $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = upTo });
        command.Parameters.Add(new NpgsqlParameter { Value = types.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await EntriesAsync(command, ct);
    }

    /// <summary>The entries at the given sequences, in one read (the dispatcher's round of deliveries).</summary>
    public async Task<IReadOnlyDictionary<long, LogEntry>> ReadManyAsync(IReadOnlyCollection<long> sequences, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            select seq_id, timestamp, data from "{Schema}".mt_events
            where seq_id = any($1) and type = '{IntegrationEventReceived.StoredName}'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sequences.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return (await EntriesAsync(command, ct)).ToDictionary(e => e.Sequence);
    }

    /// <summary>The entries a <c>select seq_id, timestamp, data</c> returns.</summary>
    private static async Task<List<LogEntry>> EntriesAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var entries = new List<LogEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            entries.Add(new(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), Deserialize(reader.GetString(2))));
        return entries;
    }

    // Marten stores the event camelCase, as the API speaks.
    private static IntegrationEventReceived Deserialize(string json) =>
        JsonSerializer.Deserialize<IntegrationEventReceived>(json, JsonDefaults.Api)
        ?? throw new InvalidDataException("A log entry holds no event.");
}
