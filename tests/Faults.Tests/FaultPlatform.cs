using System.Net;
using System.Net.Http.Headers;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Faults.Tests;

[CollectionDefinition("faults")]
public sealed class FaultCollection : ICollectionFixture<FaultPlatform>;

/// <summary>
/// The platform as real processes (every service and the gateway, built in this assembly's configuration) on
/// <see cref="PrivateServers"/>, so a test may kill the database, the broker or a service and start it again.
/// </summary>
public sealed class FaultPlatform : IAsyncLifetime
{
    /// <summary>Every service of the services manifest; each uses its manifest database, which servers.sh creates.</summary>
    public static readonly string[] Services = [.. ServiceManifest.Services.Select(s => s.Name)];
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(180);

    private readonly Dictionary<string, PlatformProcess> _processes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Dll, Uri Url, Dictionary<string, string> Environment)> _starts = new(StringComparer.OrdinalIgnoreCase);
    private PrivateServers? _servers;
    private HttpClient? _gateway;

    public TestTokens Tokens { get; } = TestTokens.WithNewKey();

    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan _started;

    /// <summary>How long the start took and how long the platform has run since, for the test output.</summary>
    public string Elapsed => $"platform started in {_started.TotalSeconds:0} s, running for {(_clock.Elapsed - _started).TotalSeconds:0} s";

    public PrivateServers Servers => _servers ?? throw new InvalidOperationException("The platform is not started.");

    /// <summary>A client of the gateway with an admin token.</summary>
    public HttpClient Gateway => _gateway ?? throw new InvalidOperationException("The platform is not started.");

    public Uri UrlOf(string process) => _starts[process].Url;

    /// <summary>The last lines every process wrote, for a failure message.</summary>
    public string Output => string.Join(Environment.NewLine, _processes.Values.Select(p => p.Describe()));

    /// <summary>
    /// For a failure: each service's last event and where its relay and other subscriptions stand (so a stuck hop shows
    /// which), then every process's output as it is now.
    /// </summary>
    public async Task<string> DescribeAsync()
    {
        var lines = new List<string> { "----- event stores: last sequence; checkpoints -----" };
        foreach (var service in ServiceManifest.Services)
        {
            try
            {
                await using var connection = new Npgsql.NpgsqlConnection(Servers.Postgres(service.Database));
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand(
                    "select (select max(seq_id) from mt_events), (select string_agg(name || '=' || last_seq_id, ' ' order by name) from mt_event_progression)",
                    connection);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                lines.Add($"{service.Name}: {(reader.IsDBNull(0) ? "none" : reader.GetInt64(0))}; {(reader.IsDBNull(1) ? "" : reader.GetString(1))}");
            }
            catch (Npgsql.NpgsqlException e)
            {
                lines.Add($"{service.Name}: {e.Message}");
            }
        }
        lines.Add(Output);
        return string.Join(Environment.NewLine, lines);
    }

    public async Task InitializeAsync()
    {
        var root = RepoRoot();
        // This assembly runs from .../bin/<Configuration>/net10.0/: start the processes of the same build.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))!);
        _servers = await PrivateServers.StartAsync(root);

        var ports = FreePorts.Take(Services.Length + 1);
        var gatewayUrl = new Uri($"http://127.0.0.1:{ports[^1]}");
        var gateway = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = gatewayUrl.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Auth__DevelopmentSigningKey"] = Tokens.Key,
            ["RateLimits__PermitsPerMinute"] = "100000000",
        };
        for (var i = 0; i < Services.Length; i++)
        {
            var service = ServiceManifest.Services[i];
            var name = service.Name;
            var url = new Uri($"http://127.0.0.1:{ports[i]}");
            _starts[name] = (Dll(root, Path.GetDirectoryName(service.Project)!, Path.GetFileNameWithoutExtension(service.Project), configuration), url, new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Postgres"] = _servers.Postgres(service.Database),
                ["ConnectionStrings__RabbitMq"] = _servers.RabbitMq.ToString(),
                ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
                ["Auth__DevelopmentSigningKey"] = Tokens.Key,
            });
            gateway[$"Services__{name}"] = url.ToString().TrimEnd('/');
        }
        _starts["Gateway"] = (Dll(root, "gateway", "Gateway", configuration), gatewayUrl, gateway);

        foreach (var name in Services) Start(name);
        await Task.WhenAll(Services.Select(WaitReadyAsync));
        Start("Gateway");
        await WaitReadyAsync("Gateway");
        _gateway = Client(Tokens.Admin());
        _started = _clock.Elapsed;
    }

    /// <summary>A new client of the gateway sending <paramref name="token"/>; pooled connections, as a real caller keeps them.</summary>
    public HttpClient Client(string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = UrlOf("Gateway"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILLs the process (the whole tree), with no chance to finish anything.</summary>
    public async Task KillAsync(string name)
    {
        var process = _processes[name];
        await process.StopAsync(TimeSpan.FromSeconds(15));
        process.Dispose();
        _processes.Remove(name);
    }

    /// <summary>Starts the process again, on the same port and database, and waits until it is ready.</summary>
    public async Task RestartAsync(string name)
    {
        Start(name);
        await WaitReadyAsync(name);
    }

    /// <summary>Waits until every process answers /health/ready with 200 again (after a server came back).</summary>
    public Task AllReadyAsync() => Task.WhenAll(_processes.Keys.Select(WaitReadyAsync));

    public async Task DisposeAsync()
    {
        _gateway?.Dispose();
        foreach (var process in _processes.Values)
        {
            await process.StopAsync(TimeSpan.FromSeconds(15));
            process.Dispose();
        }
        if (_servers is not null) await _servers.DisposeAsync();
    }

    private void Start(string name)
    {
        var (dll, url, environment) = _starts[name];
        _processes[name] = PlatformProcess.Start(name, dll, url, environment);
    }

    private async Task WaitReadyAsync(string name)
    {
        var process = _processes[name];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyDeadline;
        var last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode}.{Environment.NewLine}{process.Describe()}");
            try
            {
                using var response = await http.GetAsync(new Uri(process.Url, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { last = e.Message; }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} was not ready within {ReadyDeadline.TotalSeconds:0} s: {last}{Environment.NewLine}{process.Describe()}");
            await Task.Delay(200);
        }
    }

    internal static string Dll(string root, string folder, string name, string configuration)
    {
        var dll = Path.Combine(root, folder, "bin", configuration, "net10.0", $"{name}.dll");
        return File.Exists(dll) ? dll
            : throw new InvalidOperationException($"{dll} is not built: dotnet build Diplomacy.slnx -c {configuration} first.");
    }

    internal static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Diplomacy.slnx"))) return folder.FullName;
        throw new InvalidOperationException("No Diplomacy.slnx above the test assembly.");
    }
}
