using System.Net;
using System.Net.Http.Json;
using Diplomacy.ServiceDefaults.Security;
using Diplomacy.TestSupport;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Diplomacy.Integrations.Tests;

/// <summary>Registration, signed deliveries to a real receiver, the delivery log, rotation and redelivery.</summary>
public sealed class WebhookDeliveryTests(IntegrationsServiceFactory service) : IClassFixture<IntegrationsServiceFactory>
{
    private const string Webhooks = IntegrationsServiceFactory.Webhooks;

    private async Task<Publisher> ReadyAsync()
    {
        service.CreateClient().Dispose();
        await service.WaitForBusAsync();
        return await Publisher.StartAsync(service.RabbitMq);
    }

    [Fact]
    public async Task Every_event_arrives_signed_once_per_subscription_and_in_order_per_initiative()
    {
        await using var publisher = await ReadyAsync();
        var editor = service.EditorClient();
        var response = await editor.PostAsJsonAsync(Webhooks, new { url = "http://127.0.0.1:1/placeholder", eventTypes = new[] { IntegrationsServiceFactory.TieSigned } });
        await response.AssertStatus(HttpStatusCode.Created);
        var registered = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.StartsWith("whsec_", registered.GetProperty("secret").GetString());
        Assert.Equal("active", registered.GetProperty("status").GetString());

        await using var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var (id, secret) = await IntegrationsServiceFactory.RegisterAsync(editor, receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets[0] = secret;
        // A second subscription of another department to the same receiver gets its own copy of each event.
        var (other, otherSecret) = await IntegrationsServiceFactory.RegisterAsync(
            service.EditorClient("global-urban-partnership"), receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets.Add(otherSecret);

        // The secret is in the 201 only: never in the state or its history.
        var state = await IntegrationsServiceFactory.GetJsonAsync(editor, $"{Webhooks}/{id}");
        Assert.False(state.TryGetProperty("secret", out _));
        var history = await (await service.CreateClient().GetAsync($"{Webhooks}/{id}/history")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, history);
        Assert.DoesNotContain(secret[6..], history);

        var ties = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var published = new List<Guid>();
        for (var v = 1; v <= 8; v++)
            foreach (var tie in ties) published.Add(await publisher.TieSignedAsync(tie, v));
        await publisher.TieTerminatedAsync(ties[0], 9); // a type neither subscribed to

        await Eventually.True(() => Task.FromResult(receiver.Unique.Count >= 2 * published.Count), TimeSpan.FromSeconds(60), "every event to both subscriptions");
        Assert.Empty(receiver.Rejected);
        Assert.Equal(2 * published.Count, receiver.Unique.Count);
        foreach (var subscription in new[] { id, other })
        {
            var copies = receiver.Unique.Values.Where(r => Guid.Parse(r.WebhookId) == Deliveries.Delivery.IdFor(subscription, Guid.Parse(r.EventId))).ToList();
            Assert.Equal(published.Select(p => p.ToString()).Order(), copies.Select(c => c.EventId).Order());
            // In order per initiative: the first arrival of each event, by initiative, follows the log.
            foreach (var tie in ties)
            {
                var arrivals = receiver.All.Where(r => r.Verified && copies.Any(c => c.WebhookId == r.WebhookId) && r.Subject == tie.ToString())
                    .DistinctBy(r => r.WebhookId).Select(r => r.Sequence).ToList();
                Assert.Equal(arrivals.Order(), arrivals);
            }
        }
        var (termination, _) = (IntegrationsServiceFactory.TieTerminated, 0);
        Assert.DoesNotContain(receiver.All, r => r.Event.GetProperty("type").GetString() == termination);
        Assert.All(receiver.All, r => Assert.StartsWith("application/cloudevents+json", r.Headers.ContentType.ToString()));

        var log = await Eventually.Get(async () => await IntegrationsServiceFactory.DeliveriesAsync(editor, id) is var d
            && d.Length == published.Count && d.All(x => x.GetProperty("status").GetString() == "delivered") ? d : null, what: "the delivery log");
        Assert.All(log, d =>
        {
            Assert.True(d.GetProperty("attempts").GetInt32() >= 1);
            Assert.True(d.GetProperty("lastLatencyMs").GetDouble() > 0);
            Assert.Equal(204, d.GetProperty("lastStatusCode").GetInt32());
        });
    }

    [Fact]
    public async Task A_rotated_secret_and_the_old_one_both_sign_during_the_overlap_then_only_the_new_one()
    {
        await using var publisher = await ReadyAsync();
        var editor = service.EditorClient();
        await using var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var (id, oldSecret) = await IntegrationsServiceFactory.RegisterAsync(editor, receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets[0] = oldSecret;

        var rotated = await editor.PostAsJsonAsync($"{Webhooks}/{id}/secret-rotation", new { overlapMinutes = 60 });
        await rotated.AssertStatus(HttpStatusCode.OK);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);

        var during = await publisher.TieSignedAsync(Guid.NewGuid(), 1);
        var delivered = await Eventually.Get(() => Task.FromResult(receiver.Unique.Values.FirstOrDefault(r => r.EventId == during.ToString())),
            what: "the delivery during the overlap");
        Assert.True(WebhookReceiver.Verify(delivered.Payload, delivered.Headers, [oldSecret]), "the old secret signs during the overlap");
        Assert.True(WebhookReceiver.Verify(delivered.Payload, delivered.Headers, [newSecret]), "the new secret signs");

        // A rotation with no overlap retires both earlier secrets at once.
        var again = await editor.PostAsJsonAsync($"{Webhooks}/{id}/secret-rotation", new { overlapMinutes = 0 });
        var newest = (await again.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString()!;
        receiver.Secrets.Add(newest);
        var after = await publisher.TieSignedAsync(Guid.NewGuid(), 1);
        var last = await Eventually.Get(() => Task.FromResult(receiver.Unique.Values.FirstOrDefault(r => r.EventId == after.ToString())),
            what: "the delivery after the second rotation");
        Assert.True(WebhookReceiver.Verify(last.Payload, last.Headers, [newest]));
        Assert.False(WebhookReceiver.Verify(last.Payload, last.Headers, [oldSecret]), "the first secret no longer signs");
        Assert.False(WebhookReceiver.Verify(last.Payload, last.Headers, [newSecret]), "the second secret no longer signs");
    }

    [Fact]
    public async Task The_verifier_rejects_a_forged_or_expired_signature()
    {
        await using var publisher = await ReadyAsync();
        var editor = service.EditorClient();
        await using var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var (_, secret) = await IntegrationsServiceFactory.RegisterAsync(editor, receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets[0] = secret;
        var id = await publisher.TieSignedAsync(Guid.NewGuid(), 1);
        var real = await Eventually.Get(() => Task.FromResult(receiver.Unique.Values.FirstOrDefault(r => r.EventId == id.ToString())), what: "a delivery");
        var verifier = new StandardWebhook(secret);
        verifier.Verify(real.Payload, real.Headers);

        // The payload changed on the way.
        Assert.Throws<WebhookVerificationException>(() => verifier.Verify(real.Payload.Replace("VN", "KP"), real.Headers));
        // Signed with another key.
        var forged = Copy(real.Headers);
        forged["webhook-signature"] = new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[32]))
            .Sign(real.WebhookId, DateTimeOffset.UtcNow, real.Payload);
        Assert.Throws<WebhookVerificationException>(() => verifier.Verify(real.Payload, forged));
        // Signed with the right key, but long ago (a replay).
        var old = DateTimeOffset.UtcNow.AddMinutes(-30);
        var expired = Copy(real.Headers);
        expired["webhook-timestamp"] = old.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        expired["webhook-signature"] = verifier.Sign(real.WebhookId, old, real.Payload);
        Assert.Throws<WebhookVerificationException>(() => verifier.Verify(real.Payload, expired));
        // And the same headers moved to another delivery id.
        var moved = Copy(real.Headers);
        moved["webhook-id"] = Guid.NewGuid().ToString();
        Assert.Throws<WebhookVerificationException>(() => verifier.Verify(real.Payload, moved));
    }

    [Fact]
    public async Task One_delivery_or_all_since_an_instant_can_be_delivered_again()
    {
        await using var publisher = await ReadyAsync();
        var editor = service.EditorClient();
        await using var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var (id, secret) = await IntegrationsServiceFactory.RegisterAsync(editor, receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets[0] = secret;
        var tie = Guid.NewGuid();
        for (var v = 1; v <= 3; v++) await publisher.TieSignedAsync(tie, v);
        var log = await Eventually.Get(async () => await IntegrationsServiceFactory.DeliveriesAsync(editor, id) is var d
            && d.Length == 3 && d.All(x => x.GetProperty("status").GetString() == "delivered") ? d : null, what: "three deliveries");
        var sent = receiver.All.Count;

        var one = log[1].GetProperty("id").GetGuid();
        await (await editor.PostAsync($"{Webhooks}/{id}/deliveries/{one}/redelivery", null)).AssertStatus(HttpStatusCode.OK);
        await Eventually.True(() => Task.FromResult(receiver.All.Count(r => r.WebhookId == one.ToString()) == 2), what: "the redelivery");

        var since = log[0].GetProperty("committedAt").GetDateTimeOffset();
        var all = await editor.PostAsJsonAsync($"{Webhooks}/{id}/redelivery", new { since });
        await all.AssertStatus(HttpStatusCode.Accepted);
        Assert.Equal(3, (await all.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("queued").GetInt32());
        await Eventually.True(() => Task.FromResult(receiver.All.Count == sent + 1 + 3), what: "all three again");
        Assert.Equal(3, receiver.Unique.Count);

        await HttpAssert.NamesField(await editor.PostAsJsonAsync($"{Webhooks}/{id}/redelivery", new { }), "since");
        var missing = await editor.PostAsync($"{Webhooks}/{id}/deliveries/{Guid.NewGuid()}/redelivery", null);
        await missing.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_subscription_is_its_departments_and_event_sourced_with_history_and_verification()
    {
        await ReadyAsync();
        var owner = service.EditorClient();
        var (id, _) = await IntegrationsServiceFactory.RegisterAsync(owner, "http://localhost:9/hook", IntegrationsServiceFactory.TieSigned);

        var stranger = service.EditorClient("inter-korean-cooperation");
        await (await stranger.GetAsync($"{Webhooks}/{id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await stranger.GetAsync($"{Webhooks}/{id}/deliveries")).AssertProblem(HttpStatusCode.Forbidden);
        await (await stranger.PostAsJsonAsync($"{Webhooks}/{id}/deactivation", new { reason = "not mine" })).AssertProblem(HttpStatusCode.Forbidden);
        var strangers = await IntegrationsServiceFactory.GetJsonAsync(stranger, Webhooks);
        Assert.DoesNotContain(strangers.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        var viewer = service.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new("Bearer", service.Tokens.Mint(Roles.Viewer, IntegrationsServiceFactory.Department));
        await (await viewer.PostAsJsonAsync(Webhooks, new { url = "http://localhost:9/hook", eventTypes = new[] { IntegrationsServiceFactory.TieSigned } }))
            .AssertProblem(HttpStatusCode.Forbidden);

        var deactivated = await owner.PostIfMatchAsync($"{Webhooks}/{id}/deactivation", new { reason = "system retired" }, "\"1\"");
        await deactivated.AssertStatus(HttpStatusCode.OK);
        await (await owner.PostAsJsonAsync($"{Webhooks}/{id}/deactivation", new { reason = "again" })).AssertProblem(HttpStatusCode.Conflict);
        await (await owner.PostIfMatchAsync($"{Webhooks}/{id}/reactivation", new { }, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await owner.PostAsync($"{Webhooks}/{id}/reactivation", null)).AssertStatus(HttpStatusCode.OK);

        var auditor = service.CreateClient();
        auditor.DefaultRequestHeaders.Authorization = new("Bearer", service.Tokens.Mint(Roles.Auditor, "audit-office"));
        var history = await IntegrationsServiceFactory.GetJsonAsync(auditor, $"{Webhooks}/{id}/history");
        Assert.Equal(["webhook_registered", "webhook_deactivated", "webhook_reactivated"],
            history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var verification = await IntegrationsServiceFactory.GetJsonAsync(auditor, $"{Webhooks}/{id}/verify");
        Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
        var asOf = await IntegrationsServiceFactory.GetJsonAsync(auditor, $"{Webhooks}/{id}?version=2");
        Assert.Equal("deactivated", asOf.GetProperty("state").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"eventTypes\":[\"urn:message:diplomacy:membership:partner-tie-signed:v1\"]}", "url")]
    [InlineData("{\"url\":\"http://localhost:9/hook\"}", "eventTypes")]
    [InlineData("{\"url\":\"http://localhost:9/hook\",\"eventTypes\":[\"urn:message:diplomacy:none:v1\"]}", "eventTypes[0]")]
    [InlineData("{\"url\":\"http://localhost:9/hook\",\"eventTypes\":\"x\"}", "eventTypes")]
    [InlineData("[]", "body")]
    public async Task A_malformed_registration_is_400_naming_the_field(string body, string field)
    {
        var response = await service.EditorClient().PostAsync(Webhooks, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await HttpAssert.NamesField(response, field);
    }

    private static HeaderDictionary Copy(IHeaderDictionary headers) => new(headers.ToDictionary(h => h.Key, h => h.Value));
}
