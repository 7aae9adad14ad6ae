using System.Net;
using System.Net.Http.Headers;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Platform.Tests;

[CollectionDefinition("platform")]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;

/// <summary>
/// The whole platform as real processes on the real servers: every service of the services manifest, each on its
/// own new database, all on one new RabbitMQ virtual host, and the gateway in front of them. Tests drive it over HTTP
/// through <see cref="Gateway"/> and watch <see cref="RabbitMq"/>. Everything is killed and removed again at the end.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>How long each process may take to answer /health/ready: 180 s (a loaded CI machine), or DIPLOMACY_PLATFORM_READY_SECONDS.</summary>
    public static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("DIPLOMACY_PLATFORM_READY_SECONDS"), out var seconds) && seconds > 0 ? seconds : 180);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly List<PlatformProcess> _processes = [];
    private readonly List<string> _databases = [];
    private readonly Dictionary<string, Uri> _serviceUrls = new(StringComparer.OrdinalIgnoreCase);
    private HttpClient? _gateway;

    /// <summary>Tokens every process of this platform accepts: they all share this fixture's own development key.</summary>
    public TestTokens Tokens { get; } = TestTokens.WithNewKey();
    private Uri? _rabbitMq;
    private int _cleanedUp;

    public PlatformFixture()
    {
        RepoRoot = FindRepoRoot();
        Configuration = DetectConfiguration();
    }

    /// <summary>The folder holding Diplomacy.slnx.</summary>
    public string RepoRoot { get; }

    /// <summary>The build configuration of this test assembly, and so of the dlls it runs (Release or Debug).</summary>
    public string Configuration { get; }

    /// <summary>A client of the gateway (BaseAddress = the gateway's URL) that sends an admin token.</summary>
    public HttpClient Gateway => _gateway ?? throw new InvalidOperationException("The platform is not started.");

    /// <summary>A new client of the gateway that sends <paramref name="token"/>, or no token at all; the caller disposes it.</summary>
    public HttpClient GatewayAs(string? token)
    {
        var client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The amqp:// URI of the virtual host every service of this platform uses.</summary>
    public Uri RabbitMq => _rabbitMq ?? throw new InvalidOperationException("The platform is not started.");

    /// <summary>The direct URL of each running service, by its manifest name.</summary>
    public IReadOnlyDictionary<string, Uri> ServiceUrls => _serviceUrls;

    /// <summary>Whether the service (e.g. "Exchanges") is in the manifest and so runs in this platform.</summary>
    public bool Has(string service) => _serviceUrls.ContainsKey(service);

    /// <summary>The last lines every process wrote: add it to a failure message to see what the platform said.</summary>
    public string Output => string.Join(Environment.NewLine, _processes.Select(p => p.Describe()));

    public async Task InitializeAsync()
    {
        // Kill the processes even if xunit never gets to DisposeAsync (Ctrl-C, an unhandled exception in the host).
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        try
        {
            await StartAsync();
        }
        catch
        {
            await CleanUpAsync();
            throw;
        }
    }

    public Task DisposeAsync() => CleanUpAsync();

    private async Task StartAsync()
    {
        var services = ServiceManifest.Services.Select(s => s.Name).ToList();
        if (services.Count == 0)
            throw new InvalidOperationException("The services manifest lists no service.");

        var dlls = ServiceManifest.Services.ToDictionary(s => s.Name, s => Path.Combine(
            RepoRoot, Path.GetDirectoryName(s.Project)!, "bin", Configuration, "net10.0", $"{Path.GetFileNameWithoutExtension(s.Project)}.dll"));
        var gatewayDll = Path.Combine(RepoRoot, "gateway", "bin", Configuration, "net10.0", "Gateway.dll");
        var missing = dlls.Values.Append(gatewayDll).Where(dll => !File.Exists(dll)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"The platform tests run the services and the gateway as real processes, built in the configuration of this test " +
                $"assembly ({Configuration}), but these are not built:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", missing)}" +
                $"{Environment.NewLine}Build the solution first: dotnet build Diplomacy.slnx -c {Configuration}");

        // Every port at once, so that no two are the same.
        var ports = FreePorts.Take(services.Count + 1);
        var gatewayUrl = new Uri($"http://127.0.0.1:{ports[^1]}");

        _rabbitMq = await TestServers.CreateVirtualHostAsync("platform");
        var gatewayEnvironment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = gatewayUrl.GetLeftPart(UriPartial.Authority),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Auth__DevelopmentSigningKey"] = Tokens.Key,
            // The matrix sends thousands of requests a minute; the rate limit has tests of its own in Gateway.Tests.
            ["RateLimits__PermitsPerMinute"] = "1000000",
        };
        for (var i = 0; i < services.Count; i++)
        {
            var name = services[i];
            var url = new Uri($"http://127.0.0.1:{ports[i]}");
            var database = await TestServers.CreateDatabaseAsync($"platform{name}");
            _databases.Add(database);
            _processes.Add(PlatformProcess.Start(name, dlls[name], url, new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = url.GetLeftPart(UriPartial.Authority),
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Postgres"] = database,
                ["ConnectionStrings__RabbitMq"] = _rabbitMq.ToString(),
                ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
                ["Auth__DevelopmentSigningKey"] = Tokens.Key,
                // Webhook targets on this machine, as deploy/run.sh allows them (read by Integrations only).
                ["Webhooks__AllowedHosts"] = "http://127.0.0.1,http://localhost",
            }));
            _serviceUrls[name] = url;
            gatewayEnvironment[$"Services__{name}"] = url.GetLeftPart(UriPartial.Authority);
        }
        await WaitAllReadyAsync(_processes);

        // The gateway last; its own readiness depends on no service, so the platform is ready once /health/services
        // reports every one healthy through it.
        var gateway = PlatformProcess.Start("Gateway", gatewayDll, gatewayUrl, gatewayEnvironment);
        _processes.Add(gateway);
        await WaitAllReadyAsync([gateway]);
        await WaitReadyAsync(gateway, CancellationToken.None, "/health/services");
        _gateway = new HttpClient { BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        _gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Admin());
    }

    /// <summary>Waits for every process to be ready; the first that fails stops the wait for the others.</summary>
    internal static async Task WaitAllReadyAsync(IReadOnlyList<PlatformProcess> processes)
    {
        using var stop = new CancellationTokenSource();
        var pending = processes.Select(process => WaitReadyAsync(process, stop.Token)).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (done.IsFaulted)
            {
                await stop.CancelAsync();
                await Task.WhenAll(pending.Select(wait => wait.ContinueWith(_ => { }, TaskScheduler.Default)));
                await done; // rethrows the first failure, with the output of that process
            }
        }
    }

    /// <summary>Polls the process's /health/ready until it answers 200; fails with its output if it exits or the deadline passes.</summary>
    internal static async Task WaitReadyAsync(PlatformProcess process, CancellationToken stop, string path = "/health/ready")
    {
        var ready = new Uri(process.Url, path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyDeadline;
        var last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                await process.DrainAsync(TimeSpan.FromSeconds(5));
                throw new InvalidOperationException(
                    $"{process.Name} exited with code {process.ExitCode} before {ready} answered 200.{Environment.NewLine}{process.Describe()}");
            }
            try
            {
                using var response = await http.GetAsync(ready, stop);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !stop.IsCancellationRequested)
            {
                last = e.Message;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(
                    $"{process.Name} was not ready within {ReadyDeadline.TotalSeconds:0} s: {ready} last gave: {last}{Environment.NewLine}{process.Describe()}");
            await Task.Delay(200, stop);
        }
    }

    private async Task CleanUpAsync()
    {
        if (Interlocked.Exchange(ref _cleanedUp, 1) == 1)
            return;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        _gateway?.Dispose();

        var errors = new List<Exception>();
        foreach (var result in await Task.WhenAll(_processes.Select(p => Capture(() => p.StopAsync(StopTimeout)))))
            if (result is not null) errors.Add(result);
        foreach (var process in _processes)
            process.Dispose();

        // Only once nothing uses them any more.
        foreach (var database in _databases)
            if (await Capture(() => TestServers.DropDatabaseAsync(database)) is { } error) errors.Add(error);
        if (_rabbitMq is { } vhost && await Capture(() => TestServers.DeleteVirtualHostAsync(vhost)) is { } vhostError)
            errors.Add(vhostError);

        if (errors.Count > 0)
            throw new AggregateException("Could not take the platform down cleanly.", errors);
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception e) { return e; }
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        foreach (var process in _processes)
            process.Kill();
    }

    internal static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Diplomacy.slnx")))
                return folder.FullName;
        throw new InvalidOperationException($"No folder holding Diplomacy.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>From this assembly's own path, <c>.../bin/&lt;Configuration&gt;/net10.0/Diplomacy.Platform.Tests.dll</c>.</summary>
    internal static string DetectConfiguration()
    {
        var parts = Path.GetDirectoryName(typeof(PlatformFixture).Assembly.Location)!
            .Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(parts, "bin");
        if (bin < 0 || bin + 1 >= parts.Length)
            throw new InvalidOperationException(
                $"Cannot tell the build configuration from {typeof(PlatformFixture).Assembly.Location}: expected .../bin/<Configuration>/...");
        return parts[bin + 1];
    }
}
