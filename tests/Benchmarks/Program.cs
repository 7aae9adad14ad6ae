// The audit benchmark: replay, export rate and export memory, each against raw SQL on the same database.
// Run with the servers up: ./deploy/servers.sh start && dotnet run -c Release --project tests/Benchmarks
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

const int StreamEvents = 10_000;     // the stream replayed
const int TotalEvents = 100_000;     // the log exported
const int OtherStreamEvents = 100;   // events in each of the other streams
const int BatchEvents = 5_000;       // events per SaveChanges when seeding the other streams
const int StreamBatch = 500;         // events per SaveChanges when seeding the replayed stream
const int Warmups = 2;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var postgres = await TestServers.CreateDatabaseAsync("bench");
try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Configuration["ConnectionStrings:Postgres"] = postgres;
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddHealthChecks();
    builder.AddEventStore(o => o.AddAggregate<BenchCounter>());
    using var host = builder.Build();
    await host.StartAsync(); // AuditSchema, a hosted service, installs the hash-chain trigger

    var store = host.Services.GetRequiredService<IDocumentStore>();
    var audit = host.Services.GetRequiredService<AuditReader>();
    await using var raw = NpgsqlDataSource.Create(postgres);
    var json = JsonDefaults.Create();

    await using (var version = raw.CreateCommand("select current_setting('server_version')"))
        Console.WriteLine($"""
            Audit benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, PostgreSQL {await version.ExecuteScalarAsync()}
            load average before the run (/proc/loadavg): {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a")}
            """);

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
    for (var seeded = StreamEvents; seeded < TotalEvents; seeded += BatchEvents)
    {
        await using var session = Stamped(store.LightweightSession());
        for (var s = 0; s < BatchEvents / OtherStreamEvents; s++)
            session.Events.StartStream<BenchCounter>(Guid.NewGuid(), Enumerable.Range(0, OtherStreamEvents).Select(Event).ToArray());
        await session.SaveChangesAsync();
    }
    var seedSeconds = seeding.Elapsed.TotalSeconds;
    var stored = await ScalarAsync<long>(raw, "select count(*) from mt_events");
    var chained = await ScalarAsync<long>(raw, "select count(*) from diplomacy_audit_chain");
    if (stored != TotalEvents || chained != TotalEvents) throw new InvalidOperationException($"Seeded {stored} events, {chained} chained; expected {TotalEvents}.");
    Console.WriteLine($"""

        Seeding (hash-chain trigger on, {OtherStreamEvents}-event streams in batches of {BatchEvents}, stream of {StreamEvents:N0} in batches of {StreamBatch}):
          {StreamEvents,7:N0} events of one stream  {streamSeconds,6:F1} s  {StreamEvents / streamSeconds,8:N0} events/s
          {TotalEvents,7:N0} events in all          {seedSeconds,6:F1} s  {TotalEvents / seedSeconds,8:N0} events/s
          average stored data {await ScalarAsync<decimal>(raw, "select avg(octet_length(data::text)) from mt_events"):N0} bytes, headers {await ScalarAsync<decimal>(raw, "select avg(octet_length(headers::text)) from mt_events"):N0} bytes
        """);

    // ---- 3. Memory while exporting: 10,000 events (the last ones), then all 100,000.
    var lastTenThousand = await ScalarAsync<long>(raw, $"select seq_id from mt_events order by seq_id offset {TotalEvents - StreamEvents} limit 1");
    Console.WriteLine($"""

        3. Memory while exporting (MB; sampled every 50 ms)   events  WS before  WS peak  WS growth  heap before  heap peak  allocated/event  samples
        """);
    using var listener = new AllocListener();
    foreach (var (from, expected) in Enumerable.Repeat(new[] { (lastTenThousand, (long)StreamEvents), (0L, TotalEvents), (lastTenThousand, StreamEvents) }, 5).SelectMany(x => x))
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var workingSetBefore = process.WorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true); listener.Reset();
        long exported;
        MemorySampler sampler;
        await using (sampler = new MemorySampler(TimeSpan.FromMilliseconds(50))) exported = await ExportAsync(audit, json, from);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Expect(exported, expected, "exported events");
        Console.WriteLine(
            $"   export from sequence {from,-6}                        {exported,7:N0}  {Mb(workingSetBefore),9:F1}  {Mb(sampler.PeakWorkingSet),7:F1}  {Mb(sampler.PeakWorkingSet - workingSetBefore),9:F1}  {Mb(heapBefore),11:F1}  {Mb(sampler.PeakManagedHeap),9:F1}  {allocated / (double)exported,9:N0} bytes  {sampler.Samples,7} {listener.Top()}");
    }
    using (var self = Process.GetCurrentProcess())
        Console.WriteLine($"   process peak working set over the whole run, seeding included: {Mb(self.PeakWorkingSet64):F1} MB");

    await host.StopAsync();
}
finally
{
    await TestServers.DropDatabaseAsync(postgres);
}
return 0;

// The events: the stream starts with CounterStarted; every other event is an increment with a short note.
static object Event(int i) => i == 0
    ? new CounterStarted("benchmark counter")
    : new CounterIncremented(i % 7 + 1, $"increment number {i} recorded by the audit benchmark harness");

// The metadata a request would stamp (see EventMetadata.Stamp), so the export carries realistic lines.
static IDocumentSession Stamped(IDocumentSession session)
{
    session.LastModifiedBy = "benchmark";
    session.CorrelationId = Guid.NewGuid().ToString("N");
    session.CausationId = $"Benchmark:{Guid.NewGuid():N}";
    session.SetHeader(EventMetadata.DepartmentHeader, "audit");
    session.SetHeader(EventMetadata.ClientHeader, "benchmarks");
    session.SetHeader(EventMetadata.CommandHeader, "Benchmark");
    return session;
}

// Exactly what GET /api/{service}/audit/events does per event, writing to Stream.Null instead of the response.
static async Task<long> ExportAsync(AuditReader audit, JsonSerializerOptions json, long from)
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

static async Task<T> ScalarAsync<T>(NpgsqlDataSource raw, string sql)
{
    await using var command = raw.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync())!;
}

static string Row(Timing t, string unit) =>
    $"{t.Milliseconds.Count,4}  {t.Median,8:F1}  {t.Min,8:F1}  {t.Max,8:F1}   {t.PerSecond,9:N0} {unit}";

static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

static void Expect(long actual, long expected, string what)
{
    if (actual != expected) throw new InvalidOperationException($"Expected {expected} {what}, got {actual}.");
}

sealed class AllocListener : System.Diagnostics.Tracing.EventListener
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bytes = new();
    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }
    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName != "GCAllocationTick_V4" || e.Payload is null) return;
        var name = e.PayloadNames!.IndexOf("TypeName") is var i and >= 0 ? e.Payload[i]?.ToString() ?? "?" : "?";
        var amount = e.PayloadNames!.IndexOf("AllocationAmount64") is var j and >= 0 ? Convert.ToInt64(e.Payload[j], CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(name, amount, (_, v) => v + amount);
    }
    public void Reset() => _bytes.Clear();
    public string Top() => string.Join(", ", _bytes.OrderByDescending(p => p.Value).Take(4).Select(p => $"{p.Key}={p.Value / 1048576}MB"));
}
