using System.Net.Http.Headers;
using Xunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

    /// <summary>Tokens this service accepts (and broken ones it refuses).</summary>
    public TestTokens Tokens { get; } = TestTokens.WithNewKey();

    public virtual async Task InitializeAsync()
    {
        var name = typeof(TProgram).Assembly.GetName().Name ?? "svc";
        PostgresConnection = await TestServers.CreateDatabaseAsync(name);
        RabbitMq = await TestServers.CreateVirtualHostAsync(name);
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

    /// <summary>A client without any token.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestServers.DropDatabaseAsync(PostgresConnection);
        await TestServers.DeleteVirtualHostAsync(RabbitMq);
    }
}
