using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Diplomacy.Benchmarks;
using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Diplomacy.Benchmarks;

/// <summary>
/// The audit benchmark: replay (by version, by instant), history, export rate and export memory, each against raw SQL,
/// on one database in one run, in process (no HTTP).
/// </summary>
public static class AuditBench
{
    private const int StreamEvents = 10_000;     // the stream replayed
    private const int TotalEvents = 100_000;     // the log exported
    private const int StreamBatch = 500;         // events per SaveChanges when seeding the replayed stream
    private const int OtherStreamEvents = 100;   // events in each of the other streams
    private const int OtherBatch = 5_000;        // events per SaveChanges when seeding the other streams
    private const int Warmups = 2;

    public static async Task RunAsync(Summary summary)
    {
        await using (var alone = await EventStoreAlone.StartAsync())
        {
            var store = alone.Store;
            var audit = alone.Services.GetRequiredService<AuditReader>();
            await using var raw = NpgsqlDataSource.Create(alone.Database);
            var json = JsonDefaults.Create();

            Console.WriteLine($"Audit benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, .NET {Environment.Version}, "
                + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, PostgreSQL {await ScalarAsync<string>(raw, "show server_version")}, load average {Summary.LoadAverage()}");

            // ---- Seed: one stream of 10,000 events, then other streams up to 100,000 events in all.
            var counterId = Guid.NewGuid();
            var seeding = Stopwatch.StartNew();
            for (var start = 0; start < StreamEvents; start += StreamBatch)
            {
                await using var session = Stamped(store.LightweightSession());
                var events = Enumerable.Range(start, StreamBatch).Select(Event).ToArray();
                if (start == 0) session.Events.StartStream<BenchCounter>(counterId, events);
                else session.Events.Append(counterId, events);
                await session.SaveChangesAsync();
            }
            var streamSeconds = seeding.Elapsed.TotalSeconds;
            for (var seeded = StreamEvents; seeded < TotalEvents; seeded += OtherBatch)
            {
                await using var session = Stamped(store.LightweightSession());
                for (var s = 0; s < OtherBatch / OtherStreamEvents; s++)
                    session.Events.StartStream<BenchCounter>(Guid.NewGuid(), Enumerable.Range(0, OtherStreamEvents).Select(Event).ToArray());
                await session.SaveChangesAsync();
            }
            var seedSeconds = seeding.Elapsed.TotalSeconds;
            // Measure a settled table, as autovacuum leaves it: right after a bulk load the planner has no statistics yet
            // and reads the 10,000-event stream with a parallel sequential scan, several times slower than with them.
            var vacuuming = Stopwatch.StartNew();
            await using (var vacuum = raw.CreateCommand("vacuum (analyze)")) await vacuum.ExecuteNonQueryAsync();
            Expect(await ScalarAsync<long>(raw, "select count(*) from mt_events"), TotalEvents, "stored events");
            Expect(await ScalarAsync<long>(raw, "select count(*) from diplomacy_audit_chain"), TotalEvents, "chained events");
            Console.WriteLine($"""

                Seeding, with the hash-chain trigger (average event: {await ScalarAsync<decimal>(raw, "select avg(octet_length(data::text)) from mt_events"):N0} bytes of data, {await ScalarAsync<decimal>(raw, "select avg(octet_length(headers::text)) from mt_events"):N0} of headers)
                {$"  {StreamEvents:N0} events of one stream, {StreamBatch} per SaveChanges",-66}{streamSeconds,6:F1} s  {StreamEvents / streamSeconds,7:N0} events/s
                {$"  {TotalEvents:N0} events in all, then {OtherBatch:N0} per SaveChanges ({OtherStreamEvents} a stream)",-66}{seedSeconds,6:F1} s  {TotalEvents / seedSeconds,7:N0} events/s
                {"  then vacuum (analyze)",-66}{vacuuming.Elapsed.TotalSeconds,6:F1} s
                """);

            // ---- 1. Replay of the 10,000-event stream (by version, by instant) and its history, against the raw read of the same rows.
            var lastInstant = await ScalarAsync<DateTime>(raw, $"select timestamp from mt_events where stream_id = '{counterId}' order by version desc limit 1");
            var replayTimes = await Timing.CompareAsync(Warmups, 15,
                async () =>
                {
                    await using var session = store.QuerySession();
                    var replayed = await session.ReplayAtAsync<BenchCounter>(counterId, version: StreamEvents) ?? throw new InvalidOperationException("Nothing replayed.");
                    return replayed.Version;
                },
                async () =>
                {
                    await using var session = store.QuerySession();
                    var replayed = await session.ReplayAtAsync<BenchCounter>(counterId, asOf: new DateTimeOffset(lastInstant, TimeSpan.Zero))
                        ?? throw new InvalidOperationException("Nothing replayed.");
                    return replayed.Version;
                },
                async () => (await audit.HistoryAsync(counterId, 0, StreamEvents, CancellationToken.None)).Count,
                async () =>
                {
                    await using var command = raw.CreateCommand("select data from mt_events where stream_id = $1 order by version");
                    command.Parameters.Add(new NpgsqlParameter { Value = counterId });
                    await using var reader = await command.ExecuteReaderAsync();
                    long rows = 0;
                    while (await reader.ReadAsync()) { _ = reader.GetString(0); rows++; }
                    return rows;
                },
                // History answers every column of each event and its hash: its raw read is every column of the same rows.
                async () =>
                {
                    await using var batch = raw.CreateBatch();
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("select * from mt_events where stream_id = $1 order by version") { Parameters = { new() { Value = counterId } } });
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("select seq_id, hash from diplomacy_audit_chain where stream_id = $1") { Parameters = { new() { Value = counterId } } });
                    await using var reader = await batch.ExecuteReaderAsync();
                    var values = new object[reader.FieldCount];
                    long rows = 0;
                    while (await reader.ReadAsync()) { reader.GetValues(values); rows++; }
                    await reader.NextResultAsync();
                    while (await reader.ReadAsync()) { _ = reader.GetInt64(0); _ = reader.GetString(1); }
                    return rows;
                });
            foreach (var t in replayTimes) Expect(t.Items, StreamEvents, "events replayed or read");

            // ---- 2. Export of the 100,000 events against a raw scan.
            var exportTimes = await Timing.CompareAsync(Warmups, 7,
                () => ExportAsync(audit, json, 0),
                async () =>
                {
                    long rows = 0;
                    await foreach (var _ in audit.EventsFromAsync(0, CancellationToken.None)) rows++;
                    return rows;
                },
                async () =>
                {
                    await using var command = raw.CreateCommand("select * from mt_events order by seq_id");
                    await using var reader = await command.ExecuteReaderAsync();
                    var values = new object[reader.FieldCount];
                    long rows = 0;
                    while (await reader.ReadAsync()) { reader.GetValues(values); rows++; }
                    return rows;
                });
            foreach (var t in exportTimes) Expect(t.Items, TotalEvents, "events exported or read");

            Console.WriteLine($"""

                {"Time (after " + Warmups + " warm-ups; the lines of a group take turns)",-66}{"runs",4}  {"median ms",9}  {"min ms",7}  {"max ms",7}  rate at the median
                {Line($"1. replay of {StreamEvents:N0} events, ReplayAtAsync(version)", replayTimes[0], "events/s")}
                {Line("   replay by instant, ReplayAtAsync(asOf)", replayTimes[1], "events/s")}
                {Line("   history (AuditReader.HistoryAsync, every event)", replayTimes[2], "events/s")}
                {Line("   raw SQL: select data ... where stream_id", replayTimes[3], "rows/s")}
                {Ratio("   replay / raw SQL", replayTimes[0], replayTimes[3])}
                {Ratio("   replay by instant / raw SQL", replayTimes[1], replayTimes[3])}
                {Line("   raw SQL: every column of the same rows, and their hashes", replayTimes[4], "rows/s")}
                {Ratio("   history / raw SQL of every column", replayTimes[2], replayTimes[4])}
                {Line($"2. export of {TotalEvents:N0} events as NDJSON (to Stream.Null)", exportTimes[0], "events/s")}
                {Line("   of which reading (EventsFromAsync alone)", exportTimes[1], "events/s")}
                {Line("   raw SQL: select * ... order by seq_id", exportTimes[2], "rows/s")}
                {Ratio("   export / raw SQL", exportTimes[0], exportTimes[2])}
                """);

            summary.Add("replay ?version= (10,000 events)", $"{replayTimes[0].Median:F0} ms", $"raw read {replayTimes[3].Median:F0} ms", replayTimes[0].Median / replayTimes[3].Median, "<= 3x", lowerIsBetter: true, 3);
            summary.Add("replay ?asOf=", $"{replayTimes[1].Median:F0} ms", $"raw read {replayTimes[3].Median:F0} ms", replayTimes[1].Median / replayTimes[3].Median, "<= 3x", lowerIsBetter: true, 3);
            summary.Add("history", $"{replayTimes[2].Median:F0} ms", $"raw read of every column {replayTimes[4].Median:F0} ms", replayTimes[2].Median / replayTimes[4].Median, "<= 3x", lowerIsBetter: true, 3);
            summary.Add("export (100,000 events)", $"{exportTimes[0].PerSecond:N0} events/s", $"raw scan {exportTimes[2].PerSecond:N0} rows/s", exportTimes[0].Median / exportTimes[2].Median, "time ratio", lowerIsBetter: true, null);

            // ---- 3. Memory while exporting: the last 10,000 events, all 100,000, the last 10,000 again.
            var lastTenThousand = await ScalarAsync<long>(raw, $"select seq_id from mt_events order by seq_id offset {TotalEvents - StreamEvents} limit 1");
            Console.WriteLine($"""

                3. Memory while exporting (MB; sampled every 50 ms)   events  WS before  WS peak  WS growth  heap before  heap peak  allocated/event  samples
                """);
            foreach (var (from, expected) in new[] { (lastTenThousand, (long)StreamEvents), (0L, TotalEvents), (lastTenThousand, StreamEvents) })
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                using var process = Process.GetCurrentProcess();
                var workingSetBefore = process.WorkingSet64;
                var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                long exported;
                MemorySampler sampler;
                await using (sampler = new MemorySampler(TimeSpan.FromMilliseconds(50))) exported = await ExportAsync(audit, json, from);
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                Expect(exported, expected, "exported events");
                Console.WriteLine($"   export from sequence {from,-6}                        {exported,7:N0}  {Mb(workingSetBefore),9:F1}  {Mb(sampler.PeakWorkingSet),7:F1}  "
                    + $"{Mb(sampler.PeakWorkingSet - workingSetBefore),9:F1}  {Mb(heapBefore),11:F1}  {Mb(sampler.PeakManagedHeap),9:F1}  {allocated / (double)exported,9:N0} bytes  {sampler.Samples,7}");
            }
            using (var self = Process.GetCurrentProcess())
                Console.WriteLine($"   peak working set of the whole run, seeding included: {Mb(self.PeakWorkingSet64):F1} MB");
        }
    }


    // The stream starts with CounterStarted; every other event is an increment with a short note.
    private static object Event(int i) => i == 0
        ? new CounterStarted("benchmark counter")
        : new CounterIncremented(i % 7 + 1, $"increment number {i} recorded by the audit benchmark harness");

    // The metadata a request stamps (see EventMetadata.Stamp), so that the export writes realistic lines.
    internal static IDocumentSession Stamped(IDocumentSession session)
    {
        session.LastModifiedBy = "benchmark";
        session.CorrelationId = Guid.NewGuid().ToString("N");
        session.CausationId = $"Benchmark:{Guid.NewGuid():N}";
        session.SetHeader(EventMetadata.DepartmentHeader, "audit");
        session.SetHeader(EventMetadata.ClientHeader, "benchmarks");
        session.SetHeader(EventMetadata.CommandHeader, "Benchmark");
        return session;
    }

    // What GET /api/{service}/audit/events does for each event, writing to Stream.Null instead of the response.
    private static async Task<long> ExportAsync(AuditReader audit, JsonSerializerOptions json, long from)
    {
        long lines = 0;
        await foreach (var (e, link) in audit.EventsFromAsync(from, CancellationToken.None))
        {
            if (link is null) throw new InvalidOperationException($"Event {e.Sequence} has no chain link.");
            await JsonSerializer.SerializeAsync(Stream.Null, ExportLine.From(e, link), json);
            await Stream.Null.WriteAsync("\n"u8.ToArray());
            if (++lines % 500 == 0) await Stream.Null.FlushAsync();
        }
        return lines;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource raw, string sql)
    {
        await using var command = raw.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static string Line(string label, Timing t, string unit) =>
        $"{label,-66}{t.Milliseconds.Count,4}  {t.Median,9:F1}  {t.Min,7:F1}  {t.Max,7:F1}  {t.PerSecond,9:N0} {unit}";

    private static string Ratio(string label, Timing slow, Timing fast) =>
        $"{label,-66}      {slow.Median / fast.Median,8:F1}x {slow.Min / fast.Min,7:F1}x";

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    private static void Expect(long actual, long expected, string what)
    {
        if (actual != expected) throw new InvalidOperationException($"Expected {expected} {what}, got {actual}.");
    }
}
