using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Platform.Tests;

/// <summary>Portfolio learns, through the real broker only, what Membership and Exchanges were told through the gateway.</summary>
[Collection("platform")]
public sealed class PortfolioPlatformTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_city_spelled_two_ways_in_two_services_is_one_city_in_the_portfolio()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var tie = await CreatedAsync("/api/membership/partner-cities",
            new { city = $"Érdenet {suffix}", country = "MN", jurisdiction = "city", tie = "friendship", proposedOn = "2010" });
        var signed = await Gateway.PostAsJsonAsync($"/api/membership/partner-cities/{tie.GetProperty("id").GetGuid()}/agreement", new { signedOn = "2011-05" });
        await signed.AssertStatus(HttpStatusCode.OK);

        var policy = await CreatedAsync("/api/exchanges/policies",
            new { title = $"TOPIS {suffix}", department = "Transportation", sector = "21020", sdgGoals = new[] { 11 }, summary = "Traffic operations." });
        var exchange = await CreatedAsync("/api/exchanges/exchanges", new
        {
            partnerCity = $"ERDENET {suffix}", partnerCountry = "MN", channel = "bilateral", policyIds = new[] { policy.GetProperty("id").GetGuid() },
            requestedOn = "2014-03",
        });

        var key = $"mn-erdenet-{suffix}";
        JsonElement city = default;
        await Eventually.True(async () =>
        {
            var response = await Gateway.GetAsync($"/api/portfolio/cities/{key}");
            if (response.StatusCode != HttpStatusCode.OK) return false;
            city = await response.Content.ReadFromJsonAsync<JsonElement>();
            return city.GetProperty("city").GetProperty("ties").GetInt32() == 1 && city.GetProperty("city").GetProperty("exchanges").GetInt32() == 1
                && city.GetProperty("city").GetProperty("tieStatus").GetString() == "active";
        }, TimeSpan.FromSeconds(60), $"the portfolio to know {key}{Environment.NewLine}{platform.Output}");

        var timeline = city.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["2010", "2011-05", "2014-03"], timeline.Select(e => e.GetProperty("on").GetString()));
        var last = timeline[^1];
        Assert.Equal(("exchanges", "exchanges", exchange.GetProperty("id").GetString()),
            (last.GetProperty("service").GetString(), last.GetProperty("collection").GetString(), last.GetProperty("id").GetString()));

        var bad = await Gateway.GetAsync("/api/portfolio/cities?region=atlantis");
        await bad.AssertStatus(HttpStatusCode.BadRequest);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("region", out _));
    }

    private async Task<JsonElement> CreatedAsync(string path, object body)
    {
        var response = await Gateway.PostAsJsonAsync(path, body);
        await response.AssertStatus(HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
