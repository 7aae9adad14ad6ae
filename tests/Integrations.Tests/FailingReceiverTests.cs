using System.Net;
using Diplomacy.TestSupport;

namespace Diplomacy.Integrations.Tests;

/// <summary>A retry window of seconds instead of a day, so giving up can be seen.</summary>
public sealed class ShortRetryWindowFactory : IntegrationsServiceFactory
{
    protected override TimeSpan GiveUpAfter => TimeSpan.FromSeconds(8);
    protected override TimeSpan FirstRetryDelay => TimeSpan.FromMilliseconds(500);
    protected override TimeSpan MaxRetryDelay => TimeSpan.FromSeconds(4);
}

/// <summary>Receivers that answer 500 or not in time: retried with growing delays, then the subscription is deactivated.</summary>
public sealed class FailingReceiverTests(ShortRetryWindowFactory service) : IClassFixture<ShortRetryWindowFactory>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_receiver_that_fails_is_retried_with_growing_delays_then_the_webhook_is_deactivated_saying_why(bool timesOut)
    {
        service.CreateClient().Dispose();
        await service.WaitForBusAsync();
        await using var publisher = await Publisher.StartAsync(service.RabbitMq);
        var editor = service.EditorClient();
        await using var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        // Longer than the service's 1 s timeout, or a server error.
        if (timesOut) receiver.Delay = TimeSpan.FromSeconds(3);
        else receiver.Answer = HttpStatusCode.InternalServerError;
        var (id, secret) = await IntegrationsServiceFactory.RegisterAsync(editor, receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets[0] = secret;

        var eventId = await publisher.TieSignedAsync(Guid.NewGuid(), 1);
        var state = await Eventually.Get(async () =>
            await IntegrationsServiceFactory.GetJsonAsync(editor, $"{IntegrationsServiceFactory.Webhooks}/{id}") is var s
            && s.GetProperty("status").GetString() == "deactivated" ? (object)s : null, TimeSpan.FromSeconds(60), "the webhook deactivated");
        var webhook = (System.Text.Json.JsonElement)state;
        var reason = webhook.GetProperty("deactivationReason").GetString()!;
        Assert.Contains(eventId.ToString(), reason);
        Assert.Contains(timesOut ? "No answer within" : "HTTP 500", reason);

        var attempts = receiver.All.Where(r => r.EventId == eventId.ToString()).Select(r => r.ArrivedAt).Order().ToList();
        Assert.True(attempts.Count >= 4, $"{attempts.Count} attempts");
        Assert.All(receiver.All, r => Assert.True(r.Verified));
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        // Backoff doubles with equal jitter (0.25-0.5 s, 0.5-1 s, 1-2 s, 2-4 s after each attempt): the last wait is longer than the first.
        Assert.True(gaps[^1] > gaps[0] + 500, $"waits {string.Join(", ", gaps.Select(g => $"{g:0} ms"))}");

        var delivery = Assert.Single(await IntegrationsServiceFactory.DeliveriesAsync(editor, id));
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal(attempts.Count, delivery.GetProperty("attempts").GetInt32());
        Assert.False(string.IsNullOrEmpty(delivery.GetProperty("lastError").GetString()));

        // Deactivated: nothing more is sent until the owner reactivates it.
        var sent = receiver.All.Count;
        await publisher.TieSignedAsync(Guid.NewGuid(), 1);
        receiver.Answer = HttpStatusCode.OK;
        receiver.Delay = TimeSpan.Zero;
        var history = await IntegrationsServiceFactory.GetJsonAsync(service.CreateClient(), $"{IntegrationsServiceFactory.Webhooks}/{id}/history");
        var last = history.GetProperty("items").EnumerateArray().Last();
        Assert.Equal("webhook_deactivated", last.GetProperty("type").GetString());
        Assert.True(last.GetProperty("data").GetProperty("automatic").GetBoolean());
        Assert.Equal(sent, receiver.All.Count);
    }
}
