using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Contracts.Exchanges;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// A policy-sharing exchange through the gateway only, spanning two services: Seoul's membership of a network,
/// recorded in the Membership service, reaches the Exchanges service over the real broker and makes a request
/// through that network valid; the exchange then runs from request to evaluation, and the partner's adoption with
/// intent to procure crosses the broker for the exports service.
/// </summary>
[Collection("platform")]
public sealed class ExchangesPlatformTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task An_exchange_through_a_city_network_runs_from_request_to_evaluation_through_the_gateway()
    {
        Assert.True(platform.Has("Membership") && platform.Has("Exchanges"), "The platform runs without the Membership or Exchanges service.");
        await using var leads = await BrokerProbe<PolicyAdoptedWithProcurementIntent>.StartAsync(platform.RabbitMq);

        // Membership: the network and Seoul's active membership of it.
        var network = await Gateway.PostExpectingAsync("/api/membership/networks", new
        {
            acronym = "CityNet", name = "Regional Network of Local Authorities for the Management of Human Settlements", founded = 1987,
            headquartersCity = "Seoul", headquartersCountry = "KR", themes = new[] { "urban governance" },
        }, HttpStatusCode.Created);
        var networkId = network.GetProperty("id").GetGuid();
        var membership = await Gateway.PostExpectingAsync("/api/membership/memberships", new { networkId, appliedOn = "2013" }, HttpStatusCode.Created);
        var membershipPath = $"/api/membership/memberships/{membership.GetProperty("id").GetGuid()}";
        await Gateway.PostExpectingAsync($"{membershipPath}/acceptance", new { acceptedOn = "2013-03" }, HttpStatusCode.OK);

        // Exchanges: the policy, then a request through the network, valid once the activation crossed the broker.
        var policy = await Gateway.PostExpectingAsync("/api/exchanges/policies", new
        {
            title = "TOPIS traffic operations", department = "City Transportation Office", sector = "21020", sdgGoals = new[] { 9, 11 },
            summary = "Seoul's Transport Operation and Information Service.",
        }, HttpStatusCode.Created);
        var policyId = policy.GetProperty("id").GetGuid();
        var request = new
        {
            partnerCity = "Ulaanbaatar", partnerCountry = "MN", channel = "cityNetwork", networkId, policyIds = new[] { policyId }, requestedOn = "2014",
        };
        HttpResponseMessage? created = null;
        await Eventually.True(async () =>
        {
            created = await Gateway.PostAsJsonAsync("/api/exchanges/exchanges", request);
            if (created.StatusCode == HttpStatusCode.Created) return true;
            await created.AssertProblem(HttpStatusCode.Conflict);
            return false;
        }, TimeSpan.FromSeconds(20), what: $"MembershipActivated to reach the Exchanges service{Environment.NewLine}{platform.Output}");
        Assert.Equal("\"1\"", created!.Headers.ETag?.Tag);
        created.AssertSentWhole();
        var exchange = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("CityNet", exchange.GetProperty("networkAcronym").GetString());
        var path = $"/api/exchanges/exchanges/{exchange.GetProperty("id").GetGuid()}";
        var etag = created.Headers.ETag!.Tag;

        async Task Step(string command, object body)
        {
            var response = await Gateway.PostIfMatchAsync($"{path}/{command}", body, etag);
            await response.AssertStatus(HttpStatusCode.OK);
            etag = response.Headers.ETag!.Tag;
            response.AssertSentWhole();
        }

        await Step("scope", new { modality = "studyVisit", participants = 12, plannedStart = "2014-06" });
        // Nothing is delivered before funding: 409 through the gateway, and the version stays.
        await (await Gateway.PostIfMatchAsync($"{path}/activities", new { kind = "visit", deliveredOn = "2014-06", participants = 12 }, etag))
            .AssertProblem(HttpStatusCode.Conflict);
        await Step("funding-approval", new { source = "External Cooperation Fund", funding = new { amount = 60_000_000, currency = "KRW" }, approvedOn = "2014-04" });
        await Step("schedule", new { startsOn = "2014-06-09", endsOn = "2014-06-13" });
        await Step("activities", new { kind = "visit", deliveredOn = "2014-06-09", participants = 12 });
        await Step("action-plan", new { submittedOn = "2014-10", summary = "A traffic information centre for the city" });
        await Step("outcome", new { adoptionLevel = "adopted", intendsToProcure = true, reportedOn = "2015", evidence = "Budget line for a traffic centre" });
        await Step("evaluation", new { score = 5, evaluatedOn = "2016", notes = "Adopted with procurement planned" });

        var read = await Gateway.GetAsync(path);
        await read.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(etag, read.Headers.ETag?.Tag);
        read.AssertSentWhole();
        var state = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("evaluated", 8L), (state.GetProperty("status").GetString(), state.GetProperty("version").GetInt64()));

        var adoptions = await Gateway.GetFromJsonAsync<JsonElement>($"/api/exchanges/policies/{policyId}/adoptions");
        var city = Assert.Single(adoptions.GetProperty("cities").EnumerateArray());
        Assert.Equal(("Ulaanbaatar", "adopted"), (city.GetProperty("partnerCity").GetString(), city.GetProperty("adoptionLevel").GetString()));

        await Eventually.True(() => Task.FromResult(!leads.Received.IsEmpty), TimeSpan.FromSeconds(20),
            what: $"PolicyAdoptedWithProcurementIntent on {platform.RabbitMq}{Environment.NewLine}{platform.Output}");
        var (messageId, lead) = Assert.Single(leads.Received);
        Assert.NotNull(messageId);
        Assert.Equal((policyId, "TOPIS traffic operations", "21020", "Ulaanbaatar", "MN", "adopted", "2015"),
            (lead.PolicyId, lead.PolicyTitle, lead.Sector, lead.PartnerCity, lead.PartnerCountry, lead.AdoptionLevel, lead.ReportedOn));

        // Seoul withdraws from the network: a new request through it becomes invalid again.
        await Gateway.PostExpectingAsync($"{membershipPath}/withdrawal", new { withdrawnOn = "2020" }, HttpStatusCode.OK);
        await Eventually.True(async () =>
        {
            var again = await Gateway.PostAsJsonAsync("/api/exchanges/exchanges", request with { partnerCity = "Hanoi", partnerCountry = "VN" });
            if (again.StatusCode == HttpStatusCode.Conflict) return true;
            await again.AssertStatus(HttpStatusCode.Created);
            return false;
        }, TimeSpan.FromSeconds(20), what: $"MembershipEnded to reach the Exchanges service{Environment.NewLine}{platform.Output}");
    }
}
