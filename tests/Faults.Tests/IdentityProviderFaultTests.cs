using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Faults.Tests;

/// <summary>
/// The real OpenID Connect provider (deploy/Identity) stopped: a process that fetched its signing keys goes on checking
/// tokens, and one started while it is down answers a token with 503 and <c>Retry-After</c>, not a 401 that would tell
/// the caller its token is bad, and is not ready, until the provider is back. The gateway and Membership on the shared
/// test servers.
/// </summary>
public sealed class IdentityProviderFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"diplomacy-identity-{Guid.NewGuid():N}");
    private readonly List<PlatformProcess> _processes = [];
    private readonly Uri _provider, _membership, _gateway;
    private string _database = "";
    private Uri? _rabbitMq;

    public IdentityProviderFaultTests()
    {
        var ports = FreePorts.Take(3);
        _provider = new($"http://127.0.0.1:{ports[0]}/");
        _membership = new($"http://127.0.0.1:{ports[1]}");
        _gateway = new($"http://127.0.0.1:{ports[2]}");
    }

    public async Task InitializeAsync()
    {
        _database = await TestServers.CreateDatabaseAsync("idpfault");
        _rabbitMq = await TestServers.CreateVirtualHostAsync("idpfault");
    }

    [Fact]
    public async Task A_process_started_while_the_provider_is_down_answers_503_with_Retry_After_until_the_provider_is_back()
    {
        var provider = await ReadyAsync(StartProvider());
        using var caller = Client(_gateway, await TokenAsync());
        var (membership, gateway) = (StartMembership(), StartGateway());
        await ReadyAsync(membership);
        await ReadyAsync(gateway);
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/api/membership/networks")).StatusCode);

        await provider.StopAsync(TimeSpan.FromSeconds(15));
        // The keys were fetched before: nothing changes for the running processes.
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/api/membership/networks")).StatusCode);

        // Both started again while the provider is down: they have no keys to check a token with.
        await Task.WhenAll(gateway.StopAsync(TimeSpan.FromSeconds(15)), membership.StopAsync(TimeSpan.FromSeconds(15)));
        (membership, gateway) = (await LiveAsync(StartMembership()), await LiveAsync(StartGateway()));
        using var direct = Client(_membership, caller.DefaultRequestHeaders.Authorization!.Parameter!);
        foreach (var client in new[] { caller, direct })
        {
            using var refused = await client.GetAsync("/api/membership/networks");
            var problem = await refused.AssertProblem(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("identity provider", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"No Retry-After from {client.BaseAddress}");
            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var checks = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
            Assert.Equal("unhealthy", checks.GetProperty("identity-provider").GetProperty("status").GetString());
        }
        // Without a token there is nothing to check: still 401.
        using (var anonymous = new HttpClient { BaseAddress = _gateway })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/membership/networks")).StatusCode);

        // The provider back at its address, with its keys: the same token passes, and both are ready.
        await ReadyAsync(StartProvider());
        await Eventually.True(async () => (await caller.GetAsync("/api/membership/networks")).StatusCode == HttpStatusCode.OK, Deadline,
            "the token accepted once the provider is back");
        await ReadyAsync(membership);
        await ReadyAsync(gateway);
    }

    private PlatformProcess StartProvider() => Start("Identity", "deploy/Identity", _provider, new()
    {
        ["Identity__KeyDirectory"] = _keys,
        ["Identity__Issuer"] = _provider.AbsoluteUri,
    });

    private PlatformProcess StartMembership() => Start("Membership", "services/Membership", _membership, new()
    {
        ["ConnectionStrings__Postgres"] = _database,
        ["ConnectionStrings__RabbitMq"] = _rabbitMq!.ToString(),
        ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
        ["Auth__Authority"] = _provider.AbsoluteUri,
    });

    private PlatformProcess StartGateway() => Start("Gateway", "gateway", _gateway, new()
    {
        ["Auth__Authority"] = _provider.AbsoluteUri,
        ["Services__Membership"] = _membership.ToString(),
    });

    private PlatformProcess Start(string name, string folder, Uri url, Dictionary<string, string> environment)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))) ?? "Release";
        environment["ASPNETCORE_URLS"] = url.GetLeftPart(UriPartial.Authority);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = PlatformProcess.Start(name, FaultPlatform.Dll(FaultPlatform.RepoRoot(), folder, name, configuration), url, environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>A token the provider issues to its tool client, as <c>deploy/token.sh</c> asks for one.</summary>
    private async Task<string> TokenAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(_provider, "connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "cli",
            ["client_secret"] = (await File.ReadAllTextAsync(Path.Combine(_keys, "tools.secret"))).Trim(),
            ["role"] = "admin", ["user"] = "faults",
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"The provider refused a token: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<PlatformProcess> ReadyAsync(PlatformProcess process) => AnswersAsync(process, "/health/ready");

    private static Task<PlatformProcess> LiveAsync(PlatformProcess process) => AnswersAsync(process, "/health/live");

    private static async Task<PlatformProcess> AnswersAsync(PlatformProcess process, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.Name} exited.{Environment.NewLine}{process.Describe()}");
            try
            {
                using var response = await http.GetAsync(new Uri(process.Url, path));
                if (response.StatusCode == HttpStatusCode.OK) return process;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{process.Name}: no 200 from {path}.{Environment.NewLine}{process.Describe()}");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.StopAsync(TimeSpan.FromSeconds(15))));
        foreach (var process in _processes) process.Dispose();
        await TestServers.DropDatabaseAsync(_database);
        if (_rabbitMq is not null) await TestServers.DeleteVirtualHostAsync(_rabbitMq);
        if (Directory.Exists(_keys)) Directory.Delete(_keys, recursive: true);
    }
}
