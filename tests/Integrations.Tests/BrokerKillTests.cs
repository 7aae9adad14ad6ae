using Diplomacy.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Diplomacy.Integrations.Tests;

/// <summary>The service on a RabbitMQ node of its own, which the test may kill.</summary>
public sealed class PrivateBrokerFactory : IntegrationsServiceFactory
{
    public PrivateRabbitNode Node { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Node = await PrivateRabbitNode.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:RabbitMq", Node.Amqp.ToString());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Node.DisposeAsync();
    }
}

/// <summary>Killing the broker in the middle of deliveries loses nothing, and logs and delivers nothing twice.</summary>
public sealed class BrokerKillTests(PrivateBrokerFactory service) : IClassFixture<PrivateBrokerFactory>
{
    [Fact]
    public async Task Killing_the_broker_during_deliveries_loses_nothing()
    {
        service.CreateClient().Dispose();
        await service.WaitForBusAsync();
        var editor = service.EditorClient();
        await using var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var (_, secret) = await IntegrationsServiceFactory.RegisterAsync(editor, receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets[0] = secret;

        var ties = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var published = new List<Guid>();
        await using (var publisher = await Publisher.StartAsync(service.Node.Amqp))
            for (var v = 1; v <= 15; v++)
                foreach (var tie in ties) published.Add(await publisher.TieSignedAsync(tie, v));

        // Deliveries have begun, and most of the batch still waits in the queue or the log.
        await Eventually.True(() => Task.FromResult(!receiver.Unique.IsEmpty), TimeSpan.FromSeconds(60), "a first delivery");
        await service.Node.KillAsync();
        await service.Node.StartServerAsync();

        // Publishing after the restart, as a relay does: a publish the broker did not confirm is retried under the same id.
        for (var v = 16; v <= 20; v++)
            foreach (var tie in ties) published.Add(await PublishUntilConfirmedAsync(service.Node, tie, v));

        await Eventually.True(() => Task.FromResult(receiver.Unique.Count >= published.Count), TimeSpan.FromSeconds(150), "every event after the restart");
        Assert.Equal(published.Select(p => p.ToString()).Order(), receiver.Unique.Values.Select(r => r.EventId).Order());
        Assert.Empty(receiver.Rejected);
        foreach (var tie in ties)
        {
            var order = receiver.All.Where(r => r.Subject == tie.ToString()).DistinctBy(r => r.WebhookId).Select(r => r.Sequence).ToList();
            Assert.Equal(order.Order(), order);
        }
        // Logged once each, however often the broker redelivered.
        var feed = await IntegrationsServiceFactory.GetJsonAsync(editor, "/api/integrations/events?limit=1000");
        var ids = feed.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(published.Select(p => p.ToString()).Order(), ids.Order());
    }

    /// <summary>
    /// Publishes on a fresh bus until the broker confirms. A bus whose first topology setup was cancelled (the node still
    /// starting) keeps failing, so each failed attempt gets a new one, as a restarted relay would.
    /// </summary>
    private static async Task<Guid> PublishUntilConfirmedAsync(PrivateRabbitNode node, Guid tie, long version)
    {
        var id = Guid.NewGuid();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                await using var publisher = await Publisher.StartAsync(node.Amqp);
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                return await publisher.TieSignedAsync(tie, version, id, attempt.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or MassTransit.MassTransitException)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"The restarted broker confirmed no publish within 90 s:{Environment.NewLine}{node.LogTail()}", e);
                await Task.Delay(500);
            }
        }
    }
}
