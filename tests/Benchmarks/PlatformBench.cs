using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;
using Npgsql;

namespace Diplomacy.Benchmarks;

/// <summary>The benchmarks over HTTP against the running platform: gateway, commands, propagation.</summary>
internal static class PlatformBench
{
    public const int Clients = 16;

    /// <summary>
    /// A read and a command through the gateway against the same sent straight to Membership. The read also goes through
    /// a bare forwarder (<see cref="BareForwarder"/>): the proxy's own hop, without what the gateway adds to it.
    /// </summary>
    public static async Task GatewayAsync(BenchPlatform platform, Summary summary, TimeSpan duration)
    {
        using var direct = platform.Client(platform.Urls["Membership"]);
        using var gateway = platform.Client(platform.Gateway);
        await using var forwarder = await BareForwarder.StartAsync(platform.Urls["Membership"]);
        using var forwarded = platform.Client(forwarder.Address);
        var path = await CreateNetworkAsync(direct, 0) ?? throw new InvalidOperationException("Could not create a network.");
        Func<int, Task<bool>> Read(HttpClient client) => async _ =>
        {
            using var response = await client.GetAsync(path);
            await response.Content.CopyToAsync(Stream.Null);
            return response.IsSuccessStatusCode;
        };
        var counter = 0;
        Func<int, Task<bool>> Command(HttpClient client) => async _ => await CreateNetworkAsync(client, Interlocked.Increment(ref counter)) is not null;

        // Direct, gateway and forwarder take turns, twice, so a noisy neighbour weighs on all alike; the better half of each
        // counts. A warm-up of each first: a freshly started process runs its first seconds unoptimised (tiered compilation).
        var half = duration / 2;
        HttpClient[] routes = [direct, gateway, forwarded];
        foreach (var route in routes) await Load.RunAsync(Clients, TimeSpan.FromSeconds(3), Read(route));
        var cpu = new ProcessorTime([.. platform.Processes.Where(p => p.Name is "Gateway" or "Membership").Select(p => new MeasuredProcess(p.Name, p.Id)),
            new MeasuredProcess("forwarder", forwarder.ProcessId)]);
        var reads = await TakeTurnsAsync([.. routes.Select(route => (Func<Task<LoadResult>>)(() => cpu.RunAsync(Load.RunAsync(Clients, half, Read(route)))))]);
        var (readDirect, readGateway, readForwarded) = (Best(reads[0]), Best(reads[1]), Best(reads[2]));
        // Each command run starts on a quiet platform: the consumers' catching up with one run must not weigh on the next.
        async Task<LoadResult> CommandsAfterQuiet(HttpClient client)
        {
            await platform.WaitForQuietAsync();
            return await Load.RunAsync(Clients, half, Command(client));
        }
        var commands = await TakeTurnsAsync(() => CommandsAfterQuiet(direct), () => CommandsAfterQuiet(gateway));
        var (commandDirect, commandGateway) = (Best(commands[0]), Best(commands[1]));

        Console.WriteLine($"""

            Gateway against direct ({Clients} connections, {half.TotalSeconds:0} s each, twice, the better run counts)
              read  GET {path} direct    {readDirect}
              read  through the gateway   {readGateway}
              read  through a bare forwarder {readForwarded}
              CPU per read, both runs of each: {cpu.PerOperation("Membership", reads[0])} µs in Membership direct; through the gateway {cpu.PerOperation("Membership", reads[1])} µs in Membership and {cpu.PerOperation("Gateway", reads[1])} µs in the gateway; through the bare forwarder {cpu.PerOperation("Membership", reads[2])} µs in Membership and {cpu.PerOperation("forwarder", reads[2])} µs in the forwarder
              command POST networks direct  {commandDirect}
              command through the gateway   {commandGateway}
            """);
        summary.Add("gateway read throughput", $"{readGateway.Rate:N0}/s", $"direct {readDirect.Rate:N0}/s", readGateway.Rate / readDirect.Rate, ">= 0.8x", false, 0.8);
        // No goal of its own: it shows how near the gateway is to the forwarding it cannot do without.
        summary.Add("bare forwarder read throughput", $"{readForwarded.Rate:N0}/s, p50 +{readForwarded.P50 - readDirect.P50:F2} ms", $"direct {readDirect.Rate:N0}/s", readForwarded.Rate / readDirect.Rate, "", false, null);
        summary.Add("gateway read p50 overhead", $"+{readGateway.P50 - readDirect.P50:F2} ms (p50 {readGateway.P50:F2})", $"direct p50 {readDirect.P50:F2} ms",
            "<= 1 ms", readGateway.P50 - readDirect.P50 <= 1);
        summary.Add("gateway command throughput", $"{commandGateway.Rate:N0}/s", $"direct {commandDirect.Rate:N0}/s", commandGateway.Rate / commandDirect.Rate, "", false, null);
        summary.Add("gateway command p50 overhead", $"+{commandGateway.P50 - commandDirect.P50:F2} ms", $"direct p50 {commandDirect.P50:F2} ms", "<= 1 ms", commandGateway.P50 - commandDirect.P50 <= 1);
    }

    /// <summary>
    /// Commands sent straight to Membership against raw single-row inserts of an event-like row, 16 clients each; between
    /// the two, the services' event store alone (<see cref="EventStoreAlone"/>) appending the same way a command does.
    /// </summary>
    public static async Task<double> CommandsAsync(BenchPlatform platform, Summary summary, TimeSpan duration)
    {
        using var direct = platform.Client(platform.Urls["Membership"]);
        await using var raw = NpgsqlDataSource.Create(platform.Databases["Membership"]);
        await using (var create = raw.CreateCommand("""
            create table if not exists bench_raw_events (seq_id bigserial primary key, id uuid not null, stream_id uuid not null,
              version integer not null, type varchar not null, data jsonb not null, headers jsonb,
              timestamp timestamptz not null default now())
            """)) await create.ExecuteNonQueryAsync();
        var data = JsonSerializer.Serialize(new { acronym = "FN1", name = "Benchmark network", founded = 2000, headquartersCity = "Seoul",
            headquartersCountry = "KR", themes = new[] { "resilience" } });
        var headers = JsonSerializer.Serialize(new { department = "international-relations", client = "benchmarks", command = "RegisterNetwork" });
        Func<int, Task<bool>> insert = async _ =>
        {
            await using var command = raw.CreateCommand(
                "insert into bench_raw_events (id, stream_id, version, type, data, headers) values ($1, $2, 1, 'network_registered', $3::jsonb, $4::jsonb)");
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            command.Parameters.Add(new NpgsqlParameter { Value = data });
            command.Parameters.Add(new NpgsqlParameter { Value = headers });
            return await command.ExecuteNonQueryAsync() == 1;
        };
        var counter = 0;
        Func<int, Task<bool>> propose = async _ => await CreateNetworkAsync(direct, Interlocked.Increment(ref counter)) is not null;
        await using var store = await EventStoreAlone.StartAsync();

        // The CPU of a command is counted until the platform is quiet again: the relay and the consumers work after the answer.
        // The raw inserts then also run on a quiet machine.
        var half = duration / 2;
        // A warm-up of both first, as for the gateway: a command's path through every process runs unoptimised for its
        // first thousands of calls (tiered compilation), and compiling it would be counted as the command's cost.
        await Load.RunAsync(Clients, TimeSpan.FromSeconds(3), insert);
        await Load.RunAsync(Clients, TimeSpan.FromSeconds(3), store.AppendAsync);
        await Load.RunAsync(Clients, TimeSpan.FromSeconds(10), propose);
        await platform.WaitForQuietAsync();
        var cpu = new ProcessorTime(await platform.EveryProcessAsync());
        async Task<LoadResult> Commands()
        {
            // Just before: a process's idle spending right after the platform started (the JIT's tiering) is not its idle later.
            await cpu.MeasureIdleAsync(TimeSpan.FromSeconds(3));
            return await cpu.RunAsync(Load.RunAsync(Clients, half, propose), platform.WaitForQuietAsync);
        }
        var runs = await TakeTurnsAsync(() => cpu.RunAsync(Load.RunAsync(Clients, half, insert)), Commands,
            () => cpu.RunAsync(Load.RunAsync(Clients, half, store.AppendAsync)));
        var (insertRuns, commandRuns, appendRuns) = (runs[0], runs[1], runs[2]);
        var (inserts, commands, appends) = (Best(insertRuns), Best(commandRuns), Best(appendRuns));
        Console.WriteLine($"""

            Commands against raw inserts ({Clients} clients, {half.TotalSeconds:0} s each, twice, the better run counts)
              raw insert of an event-like row    {inserts}
              POST /api/membership/networks       {commands}
              the event store alone, in process   {appends}
              CPU per command until the platform is quiet again, beyond what each process spends idle, µs: {cpu.PerOperationOfEach(commandRuns)}
              idle, ms of CPU per second: {cpu.DescribeIdle()}
              CPU per raw insert, µs: PostgreSQL {cpu.PerOperation("PostgreSQL", insertRuns)}, harness {cpu.PerOperation("harness", insertRuns)}
              CPU per append of the event store alone, µs: PostgreSQL {cpu.PerOperation("PostgreSQL", appendRuns)}, harness (the store) {cpu.PerOperation("harness", appendRuns)}
            """);
        summary.Add("commands (16 clients)", $"{commands.Rate:N0}/s, p50 {commands.P50:F1} ms", $"raw inserts {inserts.Rate:N0}/s", commands.Rate / inserts.Rate, ">= 0.3x", false, 0.3);
        // No goal of its own: the append every command makes, without the rest of the platform.
        summary.Add("event store alone (16 clients)", $"{appends.Rate:N0}/s, p50 {appends.P50:F1} ms", $"raw inserts {inserts.Rate:N0}/s", appends.Rate / inserts.Rate, "", false, null);
        return commands.Rate;
    }

    private const int WarmUpSamples = 40;
    /// <summary>The concurrent readers of the propagation benchmark's loaded set.</summary>
    private const int Readers = 8;

    /// <summary>
    /// From an exchange outcome accepted by Exchanges to the lead it opens readable in Exports: idle, then under 8 readers.
    /// Each sample prepares its exchange (four commands), lets the platform settle, then reports the outcome and times it.
    /// The lead is read as a client waiting for it would: one read of Exports' projects by the exchange that waits for a
    /// match (<c>wait=</c>), which Exports answers at the commit that opens the lead. Each set of samples
    /// starts after <see cref="WarmUpSamples"/> untimed ones: the services' code on this path runs once per sample, and
    /// .NET compiles a method fully only after about 30 calls, so the first samples timed the JIT's quick first code.
    /// </summary>
    public static async Task PropagationAsync(BenchPlatform platform, Summary summary, int samples)
    {
        using var exchanges = platform.Client(platform.Urls["Exchanges"]);
        using var exports = platform.Client(platform.Urls["Exports"]);
        var hops = new PropagationHops(platform);
        var policy = await PostAsync(exchanges, "/api/exchanges/policies", new
        {
            title = "T-money", department = "City Transportation Office", sector = "21020", sdgGoals = new[] { 11 }, summary = "A smart card.",
        }) ?? throw new InvalidOperationException("Could not catalogue a policy.");
        var policyId = Guid.Parse(policy[(policy.LastIndexOf('/') + 1)..]);

        async Task<double> OneAsync()
        {
            var exchange = await PostAsync(exchanges, "/api/exchanges/exchanges", new
            {
                partnerCity = "Ulaanbaatar", partnerCountry = "MN", channel = "bilateral", policyIds = new[] { policyId }, requestedOn = "2013",
            }) ?? throw new InvalidOperationException("Could not request an exchange.");
            foreach (var (command, body) in new (string, object)[]
                     {
                         ("scope", new { modality = "studyVisit", participants = 8, plannedStart = "2013-09" }),
                         ("funding-approval", new { source = "Fund", funding = new { amount = 1_000_000, currency = "KRW" }, approvedOn = "2013-07" }),
                         ("activities", new { kind = "visit", deliveredOn = "2013-09-02", participants = 8 }),
                     })
                if (await PostAsync(exchanges, $"{exchange}/{command}", body) is null) throw new InvalidOperationException($"{command} failed.");
            // Settle: the events of the four commands reach every consumer before the timed one starts.
            await Task.Delay(250);
            if (await PostAsync(exchanges, $"{exchange}/outcome", new { adoptionLevel = "adopted", intendsToProcure = true, reportedOn = "2014-03" }) is null)
                throw new InvalidOperationException("outcome failed.");
            var accepted = Stopwatch.StartNew();
            var acceptedAt = DateTime.UtcNow;
            var id = exchange[(exchange.LastIndexOf('/') + 1)..];
            var page = await exports.GetFromJsonAsync<JsonElement>($"/api/exports/projects?exchange={id}&wait=25s");
            if (page.GetProperty("totalItems").GetInt64() == 0) throw new TimeoutException($"No lead for exchange {id} in 25 s.");
            hops.Add(Guid.Parse(id), acceptedAt, DateTime.UtcNow);
            return accepted.Elapsed.TotalMilliseconds;
        }

        async Task<(LongHistogram, string)> SampleAsync()
        {
            var histogram = Load.NewHistogram();
            for (var i = 0; i < WarmUpSamples; i++) await OneAsync();
            hops.Clear();
            for (var i = 0; i < samples; i++) histogram.RecordValue((long)(await OneAsync() * 1000));
            return (histogram, await hops.DescribeAsync());
        }

        var (idle, idleHops) = await SampleAsync();
        var readsTimer = Stopwatch.StartNew();
        LongHistogram loaded;
        string loadedHops, readRate;
        await using (var readers = ReadLoad.Start(platform.Gateway, "/api/exports/projects?pageSize=50", platform.Tokens.Admin(), Readers))
        {
            (loaded, loadedHops) = await SampleAsync();
            readRate = $"{await readers.StopAsync()} in {readsTimer.Elapsed.TotalSeconds:F0} s";
        }

        string Line(LongHistogram h) =>
            $"p50 {h.GetValueAtPercentile(50) / 1000.0,6:F1} ms  p90 {h.GetValueAtPercentile(90) / 1000.0,6:F1} ms  p99 {h.GetValueAtPercentile(99) / 1000.0,6:F1} ms  "
            + $"max {h.GetMaxValue() / 1000.0,7:F1} ms  over 1 s: {h.RecordedValues().Where(v => v.ValueIteratedTo > 1_000_000).Sum(v => v.CountAtValueIteratedTo)}";
        Console.WriteLine($"""

            Propagation, outcome accepted by Exchanges -> lead readable in Exports ({samples} samples each, one read of Exports that waits for the lead)
              idle                    {Line(idle)}
                where the time goes:  {idleHops}
              under {Readers} readers         {Line(loaded)}
                the readers (a process of their own): {readRate}
                where the time goes:  {loadedHops}
            """);
        foreach (var (name, h) in new[] { ("propagation idle", idle), ($"propagation, {Readers} readers", loaded) })
        {
            var (p50, p99) = (h.GetValueAtPercentile(50) / 1000.0, h.GetValueAtPercentile(99) / 1000.0);
            summary.Add($"{name} p50 / p99", $"{p50:F1} / {p99:F1} ms (max {h.GetMaxValue() / 1000.0:F0})", "goal", "<= 20 / <= 150 ms", p50 <= 20 && p99 <= 150);
        }
    }

    public static Task<string?> CreateNetworkAsync(HttpClient client, int n) => PostAsync(client, "/api/membership/networks", new
    {
        acronym = $"BN{n}", name = $"Benchmark network {n}", founded = 2000, headquartersCity = "Seoul", headquartersCountry = "KR",
        themes = new[] { "resilience" },
    });

    /// <summary>POSTs; on 2xx returns the path of the stream (the collection of a create plus the id), else null.</summary>
    public static async Task<string?> PostAsync(HttpClient client, string uri, object body)
    {
        using var response = await client.PostAsJsonAsync(uri, body);
        if (!response.IsSuccessStatusCode) return null;
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var slash = uri.Split('/');
        // A create is POST /api/{service}/{collection}; a command is POST /api/{service}/{collection}/{id}/{name}.
        return slash.Length == 4 ? $"{uri}/{id}" : string.Join('/', slash[..5]);
    }

    /// <summary>
    /// Each run twice, taking turns (a, b, c, a, b, c), so a noisy neighbour weighs on all alike; both results of each,
    /// in the order given.
    /// </summary>
    private static async Task<LoadResult[][]> TakeTurnsAsync(params Func<Task<LoadResult>>[] runs)
    {
        var results = runs.Select(_ => new LoadResult[2]).ToArray();
        for (var turn = 0; turn < 2; turn++)
            for (var i = 0; i < runs.Length; i++) results[i][turn] = await runs[i]();
        return results;
    }

    /// <summary>The faster of a run's turns: a neighbour's noise only ever slows a run down.</summary>
    private static LoadResult Best(LoadResult[] turns) => turns.MaxBy(r => r.Rate)!;
}
