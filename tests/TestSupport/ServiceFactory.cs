using Xunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diplomacy.TestSupport;

/// <summary>
/// A service in-process on the real servers: its own new database and RabbitMQ virtual host,
/// removed again when the test class is done.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    public string PostgresConnection { get; private set; } = "";
    public Uri RabbitMq { get; private set; } = null!;
    private bool _ownsServers = true;

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
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (!_ownsServers) return;
        await TestServers.DropDatabaseAsync(PostgresConnection);
        await TestServers.DeleteVirtualHostAsync(RabbitMq);
    }
}
