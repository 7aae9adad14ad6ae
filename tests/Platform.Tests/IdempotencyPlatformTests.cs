using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Security;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// A department's system that sends a create again (it never saw the answer: a timeout, a 503) with the same
/// <c>Idempotency-Key</c>, through the gateway: one initiative, and the first answer again, a webhook's one-time secret
/// included.
/// </summary>
[Collection("platform")]
public sealed class IdempotencyPlatformTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_create_sent_again_with_its_key_through_the_gateway_records_one_initiative()
    {
        var policy = await Gateway.PostExpectingAsync("/api/exchanges/policies", new
        {
            title = $"Seoul bike sharing {Guid.NewGuid():N}", department = "City Transportation Office", sector = "21020", sdgGoals = new[] { 11 },
            summary = "Ttareungyi, the public bicycle rental service.",
        }, HttpStatusCode.Created);
        var policyId = policy.GetProperty("id").GetGuid();
        var request = new { partnerCity = "Almaty", partnerCountry = "KZ", channel = "bilateral", policyIds = new[] { policyId }, requestedOn = "2019" };
        var key = Guid.NewGuid().ToString();

        var first = await Gateway.PostWithKeyAsync("/api/exchanges/exchanges", request, key);
        await first.AssertStatus(HttpStatusCode.Created);
        await (await Gateway.PostWithKeyAsync("/api/exchanges/exchanges", request, key)).AssertAnswersAgain(first);
        var exchanges = await Gateway.GetFromJsonAsync<JsonElement>($"/api/exchanges/exchanges?policy={policyId}");
        Assert.Equal(1, exchanges.GetProperty("totalItems").GetInt64());

        // The key for another request: 422 through the gateway, and still one exchange.
        await (await Gateway.PostWithKeyAsync("/api/exchanges/exchanges", request with { partnerCity = "Astana" }, key)).AssertProblem(HttpStatusCode.UnprocessableEntity);
        // A key that is no key: 400 naming it, from the service behind the gateway.
        await HttpAssert.NamesField(await Gateway.PostWithKeyAsync("/api/exchanges/exchanges", request, ""), "Idempotency-Key");
        exchanges = await Gateway.GetFromJsonAsync<JsonElement>($"/api/exchanges/exchanges?policy={policyId}");
        Assert.Equal(1, exchanges.GetProperty("totalItems").GetInt64());
    }

    [Fact]
    public async Task A_webhook_registered_again_with_its_key_answers_the_same_secret_and_stays_one_subscription()
    {
        var editor = platform.GatewayAs(platform.Tokens.Mint(Roles.Editor, "international-relations", user: $"officer-{Guid.NewGuid():N}"));
        await using var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var registration = new { url = receiver.Url, eventTypes = new[] { "urn:message:diplomacy:membership:partner-tie-signed:v1" } };
        var key = Guid.NewGuid().ToString();

        var first = await editor.PostWithKeyAsync("/api/integrations/webhooks", registration, key);
        await first.AssertStatus(HttpStatusCode.Created);
        var again = await editor.PostWithKeyAsync("/api/integrations/webhooks", registration, key);
        await again.AssertStatus(HttpStatusCode.Created);

        var firstBody = await first.Content.ReadFromJsonAsync<JsonElement>();
        var againBody = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody.GetProperty("id").GetGuid(), againBody.GetProperty("id").GetGuid());
        var secret = firstBody.GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(secret, againBody.GetProperty("secret").GetString());

        var mine = await editor.GetFromJsonAsync<JsonElement>("/api/integrations/webhooks?pageSize=200");
        Assert.Single(mine.GetProperty("items").EnumerateArray(), w => w.GetProperty("url").GetString() == receiver.Url);
    }
}
