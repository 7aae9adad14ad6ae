using Diplomacy.TestSupport;

namespace Diplomacy.Integrations.Tests;

/// <summary>A receiver that is down for a while gets everything once it is back, each event once after de-duplication.</summary>
public sealed class ReceiverDownTests(IntegrationsServiceFactory service) : IClassFixture<IntegrationsServiceFactory>
{
    [Fact]
    public async Task A_receiver_down_for_a_while_gets_everything_once_it_is_back()
    {
        service.CreateClient().Dispose();
        await service.WaitForBusAsync();
        await using var publisher = await Publisher.StartAsync(service.RabbitMq);
        var editor = service.EditorClient();
        // Registered, then down: nothing listens on its port.
        var receiver = new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32]));
        var (id, secret) = await IntegrationsServiceFactory.RegisterAsync(editor, receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets[0] = secret;

        var ties = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var published = new List<Guid>();
        for (var v = 1; v <= 5; v++)
            foreach (var tie in ties) published.Add(await publisher.TieSignedAsync(tie, v));

        // Tried and failed while down: the heads of both initiatives have been attempted more than once.
        await Eventually.True(async () => (await IntegrationsServiceFactory.DeliveriesAsync(editor, id))
            .Count(d => d.GetProperty("attempts").GetInt32() >= 2) >= 2, TimeSpan.FromSeconds(30), "retries while the receiver is down");
        var log = await IntegrationsServiceFactory.DeliveriesAsync(editor, id);
        Assert.All(log, d => Assert.Equal("pending", d.GetProperty("status").GetString()));
        Assert.Contains(log, d => d.GetProperty("lastError").GetString() is { Length: > 0 });

        await using (receiver)
        {
            await receiver.StartAsync();
            await Eventually.True(() => Task.FromResult(receiver.Unique.Count == published.Count), TimeSpan.FromSeconds(60), "everything after the receiver is back");
            Assert.Equal(published.Select(p => p.ToString()).Order(), receiver.Unique.Values.Select(r => r.EventId).Order());
            Assert.Empty(receiver.Rejected);
            foreach (var tie in ties)
            {
                var order = receiver.All.Where(r => r.Subject == tie.ToString()).DistinctBy(r => r.WebhookId).Select(r => r.Sequence).ToList();
                Assert.Equal(order.Order(), order);
            }
        }
    }
}
