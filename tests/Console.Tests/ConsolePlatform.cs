using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Console.Tests;

[CollectionDefinition("console")]
public sealed class ConsoleCollection : ICollectionFixture<ConsolePlatform>;

/// <summary>
/// The platform as real processes, trusting the real local OpenID Connect provider (deploy/Identity) through
/// <c>Auth__Authority</c> exactly as it would trust the SMG's: the provider, every service under <c>services/</c> (each on a
/// new database, all on a new RabbitMQ virtual host) and the gateway serving the built console. And one chromium.
/// </summary>
public sealed class ConsolePlatform : IAsyncLifetime
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long the console's access tokens last here: the console renews them a minute before they end, so every test
    /// of the console runs across silent renewals, every quarter of a minute.
    /// </summary>
    public static readonly TimeSpan ConsoleTokenLifetime = TimeSpan.FromSeconds(75);
    private readonly List<PlatformProcess> _processes = [];
    private readonly Dictionary<string, string> _databases = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"diplomacy-identity-{Guid.NewGuid():N}");
    private Uri? _rabbitMq;

    public string RepoRoot { get; } = FindRepoRoot();
    public Uri Gateway { get; private set; } = null!;
    public Uri Identity { get; private set; } = null!;
    public Browser Browser { get; private set; } = null!;

    /// <summary>The demo accounts' password of this provider (created in its key folder on first start).</summary>
    public string DemoPassword => File.ReadAllText(Path.Combine(_keys, "demo-password")).Trim();

    /// <summary>Whether the service exists in this repository and so runs here.</summary>
    public bool Has(string service) => _databases.ContainsKey(service);

    /// <summary>The connection string of a service's database (to tamper with its events).</summary>
    public string DatabaseOf(string service) => _databases[service];

    public string Output => string.Join(Environment.NewLine, _processes.Select(p => p.Describe()));

    public async Task InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        try { await StartAsync(); }
        catch { await DisposeAsync(); throw; }
    }

    private async Task StartAsync()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))) ?? "Release";
        string Dll(string folder, string name) => Path.Combine(RepoRoot, folder, "bin", configuration, "net10.0", $"{name}.dll");
        var console = Path.Combine(RepoRoot, "gateway", "wwwroot");
        if (!File.Exists(Path.Combine(console, "index.html")))
            throw new InvalidOperationException($"The console is not built ({console}): cd gateway/console && npm ci && npm run build");

        var services = Directory.GetDirectories(Path.Combine(RepoRoot, "services")).Select(Path.GetFileName).OfType<string>()
            .Where(n => File.Exists(Path.Combine(RepoRoot, "services", n, $"{n}.csproj"))).Order(StringComparer.Ordinal).ToList();
        var ports = FreePorts.Take(services.Count + 2);
        Identity = new Uri($"http://127.0.0.1:{ports[^2]}/");
        Gateway = new Uri($"http://127.0.0.1:{ports[^1]}");

        var identity = PlatformProcess.Start("Identity", Dll("deploy/Identity", "Identity"), Identity, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = Identity.GetLeftPart(UriPartial.Authority),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Identity__KeyDirectory"] = _keys,
            ["Identity__Issuer"] = Identity.AbsoluteUri,
            ["Identity__Console__RedirectUris__0"] = $"{Gateway.GetLeftPart(UriPartial.Authority)}/signin-callback",
            ["Identity__Console__RedirectUris__1"] = "",
            ["Identity__Console__PostLogoutRedirectUris__0"] = $"{Gateway.GetLeftPart(UriPartial.Authority)}/",
            ["Identity__Console__PostLogoutRedirectUris__1"] = "",
            ["Identity__Console__AccessTokenLifetime"] = ConsoleTokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        _processes.Add(identity);
        await WaitReadyAsync([identity]);

        _rabbitMq = await TestServers.CreateVirtualHostAsync("console");
        var gatewayEnvironment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = Gateway.GetLeftPart(UriPartial.Authority),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Auth__Authority"] = Identity.AbsoluteUri,
            ["Console__Root"] = console,
            ["RateLimits__PermitsPerMinute"] = "100000",
        };
        var started = new List<PlatformProcess>();
        for (var i = 0; i < services.Count; i++)
        {
            var name = services[i];
            var url = new Uri($"http://127.0.0.1:{ports[i]}");
            var database = await TestServers.CreateDatabaseAsync($"console{name}");
            _databases[name] = database;
            var process = PlatformProcess.Start(name, Dll($"services/{name}", name), url, new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = url.GetLeftPart(UriPartial.Authority),
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Postgres"] = database,
                ["ConnectionStrings__RabbitMq"] = _rabbitMq.ToString(),
                ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
                ["Auth__Authority"] = Identity.AbsoluteUri,
                // Integrations encrypts webhook secrets; with a provider there is no development key to derive one from.
                ["Webhooks__SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            });
            _processes.Add(process);
            started.Add(process);
            gatewayEnvironment[$"Services__{name}"] = url.GetLeftPart(UriPartial.Authority);
        }
        await WaitReadyAsync(started);
        var gateway = PlatformProcess.Start("Gateway", Dll("gateway", "Gateway"), Gateway, gatewayEnvironment);
        _processes.Add(gateway);
        await WaitReadyAsync([gateway]);
        Browser = await Browser.LaunchAsync(Gateway, Path.Combine(ResultsFolder(), "console-screenshots"));
    }

    /// <summary>A client of the gateway with a token the provider issued to a tool client for that role and department.</summary>
    public async Task<HttpClient> ApiAsAsync(string role, string? department = null, string user = "console-tests")
    {
        using var http = new HttpClient();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "cli",
            ["client_secret"] = File.ReadAllText(Path.Combine(_keys, "tools.secret")).Trim(),
            ["role"] = role, ["user"] = user,
        };
        if (department is not null) form["department"] = department;
        using var response = await http.PostAsync(new Uri(Identity, "connect/token"), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"The provider refused a token: {body}");
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        return client;
    }

    private static async Task WaitReadyAsync(IEnumerable<PlatformProcess> processes)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var process in processes)
        {
            var deadline = DateTime.UtcNow + ReadyDeadline;
            while (true)
            {
                if (process.HasExited)
                {
                    await process.DrainAsync(TimeSpan.FromSeconds(5));
                    throw new InvalidOperationException($"{process.Name} exited ({process.ExitCode}).{Environment.NewLine}{process.Describe()}");
                }
                try
                {
                    using var response = await http.GetAsync(new Uri(process.Url, "/health/ready"));
                    if (response.StatusCode == HttpStatusCode.OK) break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{process.Name} was not ready in time.{Environment.NewLine}{process.Describe()}");
                await Task.Delay(200);
            }
        }
    }

    /// <summary>deploy/test.sh names its results folder in DIPLOMACY_TEST_RESULTS; otherwise beside the test assembly.</summary>
    private static string ResultsFolder() =>
        Environment.GetEnvironmentVariable("DIPLOMACY_TEST_RESULTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "TestResults");

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (Browser is not null) await Browser.DisposeAsync();
        await Task.WhenAll(_processes.Select(p => p.StopAsync(TimeSpan.FromSeconds(15))));
        foreach (var process in _processes) process.Dispose();
        _processes.Clear();
        foreach (var database in _databases.Values) await TestServers.DropDatabaseAsync(database);
        _databases.Clear();
        if (_rabbitMq is { } vhost) await TestServers.DeleteVirtualHostAsync(vhost);
        _rabbitMq = null;
        if (Directory.Exists(_keys)) Directory.Delete(_keys, recursive: true);
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        foreach (var process in _processes) process.Kill();
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Diplomacy.slnx"))) return folder.FullName;
        throw new InvalidOperationException($"No folder holding Diplomacy.slnx above {AppContext.BaseDirectory}.");
    }
}
