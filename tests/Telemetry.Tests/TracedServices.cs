using System.Collections;
using System.Diagnostics;
using System.Net.Http.Headers;
using Diplomacy.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using ExchangesAssembly = Diplomacy.Exchanges.Integration.Outgoing;
using GatewayAssembly = Diplomacy.Gateway.Proxy.ServiceAddressFilter;
using MembershipAssembly = Diplomacy.Membership.Integration.Outgoing;

namespace Diplomacy.Telemetry.Tests;

/// <summary>
/// The gateway, Membership and Exchanges in one process, each service on its own new database, both on ONE RabbitMQ
/// virtual host (so what Membership publishes reaches Exchanges' queues), every span any of them ends exported into
/// <see cref="Spans"/>. Membership listens on a real socket, so the gateway proxies to it as it would in production.
/// A service is named by a public type of its assembly (its mapper), since both have a global <c>Program</c>.
/// </summary>
public sealed class TracedServices : IAsyncLifetime
{
    public SpanList Spans { get; } = new();
    public TracedFactory<MembershipAssembly> Membership { get; }
    public TracedFactory<ExchangesAssembly> Exchanges { get; }
    /// <summary>Set once Membership listens: the gateway must know its address before it starts.</summary>
    public TracedGateway Gateway { get; private set; } = null!;
    private string _exchangesDatabase = "";

    public TracedServices()
    {
        Membership = new TracedFactory<MembershipAssembly>(Spans);
        Membership.UseKestrel(0);
        Exchanges = new TracedFactory<ExchangesAssembly>(Spans);
    }

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Membership).InitializeAsync();
        _exchangesDatabase = await TestServers.CreateDatabaseAsync("exchanges");
        Exchanges.On(_exchangesDatabase, Membership.RabbitMq);
        // Exchanges first, so its queue is bound to MembershipActivated before Membership publishes.
        await Ready(Exchanges.CreateAnonymousClient());
        await Ready(Membership.CreateAnonymousClient());
        var membershipUrl = Membership.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Gateway = new TracedGateway(Spans, Membership.Tokens, membershipUrl);
    }

    private static async Task Ready(HttpClient client) =>
        await Eventually.True(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "the service to be ready");

    public async Task DisposeAsync()
    {
        if (Gateway is not null) await Gateway.DisposeAsync();
        await ((IAsyncLifetime)Exchanges).DisposeAsync();
        await TestServers.DropDatabaseAsync(_exchangesDatabase);
        await ((IAsyncLifetime)Membership).DisposeAsync();
    }
}

/// <summary>A service with the in-memory exporter added to its tracer provider.</summary>
public sealed class TracedFactory<TAssembly>(SpanList spans) : ServiceFactory<TAssembly> where TAssembly : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans).SetSampler(new AlwaysOnSampler())));
    }
}

/// <summary>The gateway, trusting Membership's tokens and proxying Membership's routes to its socket.</summary>
public sealed class TracedGateway(SpanList spans, TestTokens tokens, string membershipUrl) : WebApplicationFactory<GatewayAssembly>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Auth:DevelopmentSigningKey", tokens.Key);
        builder.UseSetting("Services:Membership", membershipUrl);
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans).SetSampler(new AlwaysOnSampler())));
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Admin());
    }
}

/// <summary>
/// The exported spans. Every tracer provider listens to every source of the process, so a span is exported by each:
/// duplicates are harmless to the assertions. Locked, because spans end on many threads.
/// </summary>
public sealed class SpanList : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    public IReadOnlyList<Activity> Snapshot() { lock (_spans) return _spans.ToList(); }

    public void Add(Activity item) { lock (_spans) _spans.Add(item); }
    public void Clear() { lock (_spans) _spans.Clear(); }
    public bool Contains(Activity item) { lock (_spans) return _spans.Contains(item); }
    public void CopyTo(Activity[] array, int arrayIndex) { lock (_spans) _spans.CopyTo(array, arrayIndex); }
    public bool Remove(Activity item) { lock (_spans) return _spans.Remove(item); }
    public int Count { get { lock (_spans) return _spans.Count; } }
    public bool IsReadOnly => false;
    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
