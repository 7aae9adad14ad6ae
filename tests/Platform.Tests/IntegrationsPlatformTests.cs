using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Security;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// A tie signed in Membership, through the gateway, reaches a department's systems both ways the Integrations service
/// offers: the change feed (long-polled through the gateway) and a signed webhook to a receiver on this machine.
/// </summary>
[Collection("platform")]
public sealed class IntegrationsPlatformTests(PlatformFixture platform)
{
    private const string TieSigned = "urn:message:diplomacy:membership:partner-tie-signed:v1";

    [Fact]
    public async Task A_signed_tie_reaches_the_change_feed_and_a_signed_webhook_through_the_gateway()
    {
        var editor = platform.GatewayAs(platform.Tokens.Mint(Roles.Editor, "international-relations"));
        await using var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var registered = await editor.PostAsJsonAsync("/api/integrations/webhooks", new { url = receiver.Url, eventTypes = new[] { TieSigned } });
        await registered.AssertStatus(HttpStatusCode.Created);
        receiver.Secrets[0] = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        var viewer = platform.GatewayAs(platform.Tokens.Mint(Roles.Viewer, "audit-office"));
        var start = await viewer.GetFromJsonAsync<JsonElement>("/api/integrations/events?limit=1000");
        var cursor = start.GetProperty("next").GetString();
        var poll = viewer.GetFromJsonAsync<JsonElement>($"/api/integrations/events?after={cursor}&types={TieSigned}&wait=20s");

        var proposed = await editor.PostAsJsonAsync("/api/membership/partner-cities",
            new { city = "Hanoi", country = "VN", jurisdiction = "city", tie = "sister", proposedOn = "1996" });
        await proposed.AssertStatus(HttpStatusCode.Created);
        var location = proposed.Headers.Location!.ToString();
        var tie = location.Split('/')[^1];
        await (await editor.PostIfMatchAsync($"{location}/council-approval", new { approvedOn = "1996-04" }, "\"1\"")).AssertStatus(HttpStatusCode.OK);
        await (await editor.PostIfMatchAsync($"{location}/agreement", new { signedOn = "1996-05" }, "\"2\"")).AssertStatus(HttpStatusCode.OK);

        var page = await poll;
        var fed = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(TieSigned, fed.GetProperty("type").GetString());
        Assert.Equal(tie, fed.GetProperty("subject").GetString());
        Assert.Equal("Hanoi", fed.GetProperty("data").GetProperty("city").GetString());

        await Eventually.True(() => Task.FromResult(!receiver.Unique.IsEmpty), TimeSpan.FromSeconds(30), $"the webhook{Environment.NewLine}{platform.Output}");
        var delivered = Assert.Single(receiver.Unique.Values);
        Assert.Empty(receiver.Rejected);
        Assert.Equal(fed.GetProperty("id").GetString(), delivered.EventId);
        Assert.Equal(tie, delivered.Subject);
    }
}
