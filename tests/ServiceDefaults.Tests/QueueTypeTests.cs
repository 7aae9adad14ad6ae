using Diplomacy.ServiceDefaults.Messaging;
using Diplomacy.TestSupport;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>The queue type a service declares, on the real RabbitMQ: classic on one node unless quorum is asked for.</summary>
public sealed class QueueTypeTests : IAsyncLifetime
{
    private string _postgres = "";
    private readonly List<Uri> _virtualHosts = [];

    public async Task InitializeAsync() => _postgres = await TestServers.CreateDatabaseAsync("queuetype");

    public async Task DisposeAsync()
    {
        foreach (var vhost in _virtualHosts) await TestServers.DeleteVirtualHostAsync(vhost);
        await TestServers.DropDatabaseAsync(_postgres);
    }

    [Theory]
    [InlineData(null, "classic")]
    [InlineData("classic", "classic")]
    [InlineData("quorum", "quorum")]
    public async Task Endpoints_declare_the_configured_queue_type(string? setting, string expected)
    {
        var rabbit = await NewVirtualHostAsync();
        using var host = await ConsumerHost.StartAsync<TallyRequestedConsumer>(_postgres, rabbit, "queue-type-test", new FinishedDeliveries(),
            new Dictionary<string, string?> { [MessageBusExtensions.QueueTypeKey] = setting });
        try
        {
            var queues = await TestServers.QueueTypesAsync(rabbit);
            Assert.Contains(queues.Keys, name => name.Contains("tally-requested", StringComparison.Ordinal));
            Assert.All(queues, queue => Assert.Equal(expected, queue.Value));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task An_unknown_queue_type_stops_the_start_and_names_the_setting()
    {
        var rabbit = await NewVirtualHostAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ConsumerHost.StartAsync<TallyRequestedConsumer>(
            _postgres, rabbit, "queue-type-test", new FinishedDeliveries(),
            new Dictionary<string, string?> { [MessageBusExtensions.QueueTypeKey] = "mirrored" }));
        Assert.Contains(MessageBusExtensions.QueueTypeKey, error.Message);
        Assert.Empty(await TestServers.QueueTypesAsync(rabbit));
    }

    private async Task<Uri> NewVirtualHostAsync()
    {
        var rabbit = await TestServers.CreateVirtualHostAsync("queuetype");
        _virtualHosts.Add(rabbit);
        return rabbit;
    }
}
