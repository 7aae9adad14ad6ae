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
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestServers.DropDatabaseAsync(PostgresConnection);
        await TestServers.DeleteVirtualHostAsync(RabbitMq);
    }
}
