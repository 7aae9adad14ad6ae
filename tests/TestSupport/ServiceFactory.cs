using System.Net.Http.Headers;
using Xunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.TestSupport;

/// <summary>
/// A service in-process on the real servers: its own new database and RabbitMQ virtual host,
/// removed again when the test class is done. It trusts tokens signed with its own random development key
/// (<see cref="Tokens"/>); its clients carry an admin token unless the test takes it away.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    public string PostgresConnection { get; private set; } = "";
    public Uri RabbitMq { get; private set; } = null!;
    private bool _ownsServers = true;

    /// <summary>Tokens this service accepts (and broken ones it refuses).</summary>
    public TestTokens Tokens { get; } = TestTokens.WithNewKey();

    public virtual async Task InitializeAsync()
    {
        if (PostgresConnection.Length > 0) return;
        var name = typeof(TProgram).Assembly.GetName().Name ?? "svc";
        PostgresConnection = await TestServers.CreateDatabaseAsync(name);
        RabbitMq = await TestServers.CreateVirtualHostAsync(name);
    }

    /// <summary>Runs this instance on another instance's database and virtual host, as a restart would; it leaves them in place.</summary>
    public ServiceFactory<TProgram> On(string postgresConnection, Uri rabbitMq)
    {
        (PostgresConnection, RabbitMq, _ownsServers) = (postgresConnection, rabbitMq, false);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", PostgresConnection);
        builder.UseSetting("ConnectionStrings:RabbitMq", RabbitMq.ToString());
        builder.UseSetting("Auth:DevelopmentSigningKey", Tokens.Key);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Admin());
    }

    public async Task<long> CountEventsAsync()
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }

    /// <summary>Waits until the service's bus (and so its consumers' queues and bindings) is up on the broker.</summary>
    public Task WaitForBusAsync() => TestBus.WaitHealthyAsync(Services);

    /// <summary>A client without any token.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>
    /// Stops the in-process host. On a loaded machine, stopping it has raced one of its background services (the
    /// projection coordinator, the bus, the lag monitor) into an ObjectDisposedException, in a fixture's teardown and
    /// in a test's own <c>await using</c> alike. Teardown says nothing about the service under test.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        try { await base.DisposeAsync(); }
        catch (ObjectDisposedException) { }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        // The database and virtual host must be removed whatever the host's stop did.
        if (!_ownsServers) return;
        await TestServers.DropDatabaseAsync(PostgresConnection);
        await TestServers.DeleteVirtualHostAsync(RabbitMq);
    }
}
