using System.Net;
using System.Net.Http.Headers;
using Diplomacy.Platform.Tests;
using Diplomacy.ServiceDefaults.Manifest;
using Diplomacy.TestSupport;

namespace Diplomacy.Benchmarks;

/// <summary>
/// Every service and the gateway as real processes (the Release build), each service on a new database of the shared
/// PostgreSQL and all on a new RabbitMQ virtual host, the gateway's rate limit raised for this run only. Removed again on dispose.
/// </summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    private readonly List<PlatformProcess> _processes = [];
    private readonly List<string> _databases = [];
    private Uri? _vhost;

    public TestTokens Tokens { get; } = TestTokens.WithNewKey();
    public Dictionary<string, Uri> Urls { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string> Databases { get; } = new(StringComparer.OrdinalIgnoreCase);
    public IReadOnlyList<PlatformProcess> Processes => _processes;

    public Uri Gateway => Urls["Gateway"];

    /// <summary>
    /// The platform's processes, then, when they run on this machine, PostgreSQL (its server with every backend) and
    /// RabbitMQ, and last the harness itself: together, nearly everything a command costs.
    /// </summary>
    public async Task<IReadOnlyList<MeasuredProcess>> EveryProcessAsync()
    {
        var measured = _processes.Select(p => new MeasuredProcess(p.Name, p.Id)).ToList();
        await using (var connection = new Npgsql.NpgsqlConnection(Databases["Membership"]))
        {
            await connection.OpenAsync();
            await using var backend = new Npgsql.NpgsqlCommand("select pg_backend_pid()", connection);
            if (ProcStat.Parent((int)(await backend.ExecuteScalarAsync())!) is { } server) measured.Add(new("PostgreSQL", server, WithChildren: true));
        }
        if (await TestServers.RabbitMqProcessIdAsync() is { } broker && ProcStat.Parent(broker) is not null) measured.Add(new("RabbitMQ", broker));
        measured.Add(new("harness", Environment.ProcessId));
        return measured;
    }

    public static async Task<BenchPlatform> StartAsync()
    {
        var platform = new BenchPlatform();
        try { await platform.StartProcessesAsync(); }
        catch { await platform.DisposeAsync(); throw; }
        return platform;
    }

    /// <summary>A client with pooled connections sending an admin token to <paramref name="baseAddress"/>.</summary>
    public HttpClient Client(Uri baseAddress, int connections = 64)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Admin());
        return client;
    }

    private async Task StartProcessesAsync()
    {
        var root = RepoRoot();
        var services = ServiceManifest.Services;
        var ports = FreePorts.Take(services.Count + 1);
        _vhost = await TestServers.CreateVirtualHostAsync("bench");
        var gateway = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Auth__DevelopmentSigningKey"] = Tokens.Key,
            ["RateLimits__PermitsPerMinute"] = "100000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        for (var i = 0; i < services.Count; i++)
        {
            var name = services[i].Name;
            var url = new Uri($"http://127.0.0.1:{ports[i]}");
            var database = await TestServers.CreateDatabaseAsync($"bench{name}");
            _databases.Add(database);
            Databases[name] = database;
            Urls[name] = url;
            gateway[$"Services__{name}"] = url.ToString().TrimEnd('/');
            _processes.Add(PlatformProcess.Start(name, Dll(root, Path.GetDirectoryName(services[i].Project)!, Path.GetFileNameWithoutExtension(services[i].Project)), url, new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Postgres"] = database,
                ["ConnectionStrings__RabbitMq"] = _vhost.ToString(),
                ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
                ["Auth__DevelopmentSigningKey"] = Tokens.Key,
                ["Logging__LogLevel__Default"] = "Warning",
            }));
        }
        await Task.WhenAll(_processes.Select(WaitReadyAsync));
        var gatewayUrl = new Uri($"http://127.0.0.1:{ports[^1]}");
        gateway["ASPNETCORE_URLS"] = gatewayUrl.ToString().TrimEnd('/');
        Urls["Gateway"] = gatewayUrl;
        var process = PlatformProcess.Start("Gateway", Dll(root, "gateway", "Gateway"), gatewayUrl, gateway);
        _processes.Add(process);
        await WaitReadyAsync(process);
    }

    /// <summary>
    /// Waits until the platform has nothing left to do: every relay has published every event and every queue is empty,
    /// twice in a row. A phase that follows a load (the commands) would otherwise be measured while the consumers catch up.
    /// </summary>
    public async Task WaitForQuietAsync()
    {
        var started = DateTime.UtcNow;
        var quiet = 0;
        while (quiet < 2)
        {
            if (DateTime.UtcNow - started > TimeSpan.FromMinutes(10))
            {
                Console.WriteLine("  (the platform was still busy after 10 minutes: the next phase is measured while it catches up)");
                return;
            }
            var behind = await QueuedMessagesAsync() + await RelayLagAsync();
            quiet = behind == 0 ? quiet + 1 : 0;
            await Task.Delay(TimeSpan.FromSeconds(quiet == 0 ? 1 : 5)); // the management API refreshes its figures every 5 s
        }
        Console.WriteLine($"  (waited {(DateTime.UtcNow - started).TotalSeconds:F0} s for the consumers to catch up)");
    }

    /// <summary>The messages waiting in the platform's queues, as the broker's management API last counted them (every 5 s).</summary>
    public Task<long> QueuedMessagesAsync() => TestServers.QueuedMessagesAsync(_vhost!);

    /// <summary>
    /// The events committed in every service that its relay has not yet processed, read at once rather than every 5 s as
    /// RelayLagMonitor does. The monitor knows its mapping version and reads that relay's checkpoint; here the newest
    /// checkpoint of any relay version stands for it (an earlier version's stopped at or below it). A service with no
    /// relay (none of its events leave it) is never behind.
    /// </summary>
    public async Task<long> RelayLagAsync()
    {
        long lag = 0;
        foreach (var database in _databases)
        {
            await using var connection = new Npgsql.NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("""
                select count(*) from mt_events e
                 where e.seq_id > (select max(p.last_seq_id) from mt_event_progression p where p.name like 'outbox-relay%')
                """, connection);
            try { lag += Convert.ToInt64(await command.ExecuteScalarAsync()); }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable) { }
        }
        return lag;
    }

    private static async Task WaitReadyAsync(PlatformProcess process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.Name} exited.{Environment.NewLine}{process.Describe()}");
            try
            {
                using var response = await http.GetAsync(new Uri(process.Url, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{process.Name} was not ready in 120 s.{Environment.NewLine}{process.Describe()}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try { await process.StopAsync(TimeSpan.FromSeconds(15)); } catch (InvalidOperationException) { }
            process.Dispose();
        }
        foreach (var database in _databases) await TestServers.DropDatabaseAsync(database);
        if (_vhost is not null) await TestServers.DeleteVirtualHostAsync(_vhost);
    }

    private static string Dll(string root, string folder, string name)
    {
        var dll = Path.Combine(root, folder, "bin", "Release", "net10.0", $"{name}.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built: dotnet build Diplomacy.slnx -c Release first.");
    }

    public static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Diplomacy.slnx"))) return folder.FullName;
        throw new InvalidOperationException("No Diplomacy.slnx above the benchmark.");
    }
}
