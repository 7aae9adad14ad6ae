using HdrHistogram;
using Npgsql;

namespace Diplomacy.Benchmarks;

/// <summary>
/// Where a propagation sample's time went, read back from the services' own records after the samples: the relay's send
/// (the sent time Integrations logs for the same message), Exports' consumer (its handled-message record, written just
/// before its commit), and the commit with the answer to the harness's waiting read. Every clock is this machine's.
/// </summary>
internal sealed class PropagationHops(BenchPlatform platform)
{
    private readonly List<Sample> _samples = [];

    private sealed record Sample(Guid Exchange, DateTime Accepted, DateTime Found);

    public void Add(Guid exchange, DateTime accepted, DateTime found) => _samples.Add(new(exchange, accepted, found));

    public void Clear() => _samples.Clear();

    /// <summary>"relay 5.7 ms, broker and consumer 3.9, commit and answer 6.1", each hop's p50 over the samples.</summary>
    public async Task<string> DescribeAsync()
    {
        var hops = new[] { Load.NewHistogram(), Load.NewHistogram(), Load.NewHistogram() };
        await using var exchanges = await Open("Exchanges");
        await using var exports = await Open("Exports");
        await using var integrations = await Open("Integrations");
        foreach (var sample in _samples)
        {
            // The relay's message id for an event's own message is the event id.
            var outcome = await ScalarAsync<Guid>(exchanges, "select id from mt_events where stream_id = $1 and type = 'outcome_reported'", sample.Exchange);
            if (outcome is not { } messageId) continue;
            var sent = await ScalarAsync<DateTime>(integrations, "select (data ->> 'occurredAt')::timestamptz from mt_events where data ->> 'messageId' = $1", messageId.ToString());
            var handled = await ScalarAsync<DateTime>(exports, "select (data ->> 'handledAt')::timestamptz from mt_doc_handledmessage where id like '%:' || $1", messageId.ToString());
            if (sent is null || handled is null) continue;
            Record(hops[0], sent.Value - sample.Accepted);
            Record(hops[1], handled.Value - sent.Value);
            Record(hops[2], sample.Found - handled.Value);
        }
        // No sample matched when a service's records are missing (a hop that never happened): say so rather than fail.
        string P50(LongHistogram h) => h.TotalCount == 0 ? "n/a" : $"{h.GetValueAtPercentile(50) / 1000.0:F1}";
        return $"relay {P50(hops[0])} ms, broker and consumer {P50(hops[1])}, commit and answer {P50(hops[2])} (p50 of {hops[0].TotalCount} samples)";
    }

    private static void Record(LongHistogram histogram, TimeSpan span) => histogram.RecordValue(Math.Max(0, (long)(span.TotalMilliseconds * 1000)));

    private async Task<NpgsqlConnection> Open(string service)
    {
        var connection = new NpgsqlConnection(platform.Databases[service]);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, object parameter) where T : struct
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return await command.ExecuteScalarAsync() switch
        {
            T value => value,
            _ => null,
        };
    }
}
