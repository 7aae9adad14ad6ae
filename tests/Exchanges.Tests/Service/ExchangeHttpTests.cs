using Diplomacy.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Diplomacy.Exchanges.Tests.Service.ExchangesServiceFactory;

namespace Diplomacy.Exchanges.Tests.Service;

public sealed class ExchangeHttpTests(ExchangesServiceFactory service) : IClassFixture<ExchangesServiceFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_policy_is_catalogued_read_back_and_its_summary_revised()
    {
        var id = await service.CatalogueAsync(_client);
        var response = await _client.GetAsync($"/api/exchanges/policies/{id}");
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var policy = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("catalogued", policy.GetProperty("status").GetString());
        Assert.Equal("21020", policy.GetProperty("sector").GetString());

        var revised = await OkAsync(_client, new Uri($"/api/exchanges/policies/{id}", UriKind.Relative), "summary", new { summary = "Shared with Baku and Bogota." });
        Assert.Equal("Shared with Baku and Bogota.", revised.GetProperty("summary").GetString());
        Assert.Equal(2, revised.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task An_exchange_goes_from_request_to_closure_and_the_policy_shows_the_city_and_its_adoption()
    {
        var policyId = await service.CatalogueAsync(_client);
        var location = await service.RequestAsync(_client, policyId, "Hanoi", "VN");

        var requested = await _client.GetAsync(location);
        Assert.Equal("\"1\"", requested.Headers.ETag?.Tag);
        var state = await requested.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("requested", "Hanoi", "VN", "bilateral"), (state.GetProperty("status").GetString(), state.GetProperty("partnerCity").GetString(),
            state.GetProperty("partnerCountry").GetString(), state.GetProperty("channel").GetString()));

        await OkAsync(_client, location, "scope", new { modality = "trainingCourse", participants = 15, plannedStart = "2013-06", plannedEnd = "2013-07" });
        await OkAsync(_client, location, "funding-approval",
            new { source = "External Cooperation Fund", funding = new { amount = 80_000_000, currency = "KRW" }, approvedOn = "2013-05" });
        await OkAsync(_client, location, "schedule", new { startsOn = "2013-06-10", endsOn = "2013-06-19" });
        await OkAsync(_client, location, "activities", new { kind = "courseSession", deliveredOn = "2013-06-10", participants = 15 });
        await OkAsync(_client, location, "action-plan", new { submittedOn = "2013-09", summary = "Pilot on two corridors" });
        await OkAsync(_client, location, "outcome", new { adoptionLevel = "piloting", intendsToProcure = false, reportedOn = "2014", evidence = "Pilot launched" });
        await OkAsync(_client, location, "suspension", new { suspendedOn = "2014-06", reason = "Local elections" });
        await OkAsync(_client, location, "resumption", new { resumedOn = "2014-09" });
        await OkAsync(_client, location, "evaluation", new { score = 4, evaluatedOn = "2015", notes = "Good uptake" });
        var closed = await OkAsync(_client, location, "closure", new { closedOn = "2015-03" });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(11, closed.GetProperty("version").GetInt64());

        var adoptions = await _client.GetFromJsonAsync<JsonElement>($"/api/exchanges/policies/{policyId}/adoptions");
        var city = Assert.Single(adoptions.GetProperty("cities").EnumerateArray());
        Assert.Equal(("Hanoi", "VN", "piloting", true), (city.GetProperty("partnerCity").GetString(), city.GetProperty("partnerCountry").GetString(),
            city.GetProperty("adoptionLevel").GetString(), city.GetProperty("shared").GetBoolean()));
        await HttpAssert.Problem(await _client.GetAsync($"/api/exchanges/policies/{Guid.NewGuid()}/adoptions"), HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{"partnerCity":"Hanoi","partnerCountry":"XX","channel":"bilateral","policyIds":["{policy}"],"requestedOn":"2013"}""", "partnerCountry" },
        { """{"partnerCity":"Hanoi","partnerCountry":"VN","channel":"carrierPigeon","policyIds":["{policy}"],"requestedOn":"2013"}""", "channel" },
        { """{"partnerCity":"Hanoi","partnerCountry":"VN","channel":"bilateral","policyIds":["{policy}"],"requestedOn":"2013-13"}""", "requestedOn" },
        { """{"partnerCity":"Hanoi","partnerCountry":"VN","channel":"bilateral","policyIds":["{policy}"],"requestedOn":"13"}""", "requestedOn" },
        { """{"partnerCity":"","partnerCountry":"VN","channel":"bilateral","policyIds":["{policy}"],"requestedOn":"2013"}""", "partnerCity" },
        { """{"partnerCountry":"VN","channel":"bilateral","policyIds":["{policy}"],"requestedOn":"2013"}""", "partnerCity" },
        { """{"partnerCity":"Hanoi","partnerCountry":"VN","channel":"bilateral","policyIds":[],"requestedOn":"2013"}""", "policyIds" },
        { """{"partnerCity":"Hanoi","partnerCountry":"VN","channel":"bilateral","policyIds":["{unknown}"],"requestedOn":"2013"}""", "policyIds" },
        { """{"partnerCity":"Hanoi","partnerCountry":"VN","channel":"cityNetwork","policyIds":["{policy}"],"requestedOn":"2013"}""", "networkId" },
        { """not json at all""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_requests_are_400_naming_the_field_and_append_nothing(string body, string field)
    {
        var policyId = await service.CatalogueAsync(_client);
        var before = await service.CountEventsAsync();
        var json = body.Replace("{policy}", policyId.ToString()).Replace("{unknown}", Guid.NewGuid().ToString());
        var response = await _client.PostAsync("/api/exchanges/exchanges", new StringContent(json, Encoding.UTF8, "application/json"));
        await HttpAssert.NamesField(response, field);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task Negative_funding_is_400_naming_the_amount_and_appends_nothing()
    {
        var location = await service.RequestAsync(_client, await service.CatalogueAsync(_client));
        await OkAsync(_client, location, "scope", new { modality = "consulting", participants = 3, plannedStart = "2013-06" });
        var before = await service.CountEventsAsync();
        var response = await _client.PostAsJsonAsync($"{location}/funding-approval",
            new { source = "External Cooperation Fund", funding = new { amount = -5, currency = "KRW" }, approvedOn = "2013-05" });
        await HttpAssert.NamesField(response, "funding.amount");
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task An_invalid_policy_is_400_naming_the_sector()
    {
        var response = await _client.PostAsJsonAsync("/api/exchanges/policies",
            new { title = "Arisu", department = "Office of Waterworks", sector = "water", sdgGoals = new[] { 6 }, summary = "Tap water." });
        await HttpAssert.NamesField(response, "sector");
    }

    private async Task Conflict(Uri location, string command, object body)
    {
        var before = await service.CountEventsAsync();
        await HttpAssert.Problem(await _client.PostAsJsonAsync($"{location}/{command}", body), HttpStatusCode.Conflict);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task Delivering_before_funding_is_409_and_appends_nothing()
    {
        var location = await service.RequestAsync(_client, await service.CatalogueAsync(_client));
        await OkAsync(_client, location, "scope", new { modality = "studyVisit", participants = 12, plannedStart = "2013-06" });
        await Conflict(location, "activities", new { kind = "visit", deliveredOn = "2013-06", participants = 12 });
    }

    [Fact]
    public async Task An_outcome_before_a_delivery_is_409_and_appends_nothing()
    {
        var location = await service.RequestAsync(_client, await service.CatalogueAsync(_client));
        await Conflict(location, "outcome", new { adoptionLevel = "adopted", intendsToProcure = true, reportedOn = "2014" });
    }

    [Fact]
    public async Task An_evaluation_before_an_outcome_is_409_and_appends_nothing()
    {
        var location = await service.DeliveringAsync(_client, await service.CatalogueAsync(_client));
        await Conflict(location, "evaluation", new { score = 3, evaluatedOn = "2015" });
    }

    [Fact]
    public async Task Nothing_changes_after_cancelling_or_closing()
    {
        var cancelled = await service.DeliveringAsync(_client, await service.CatalogueAsync(_client));
        await OkAsync(_client, cancelled, "cancellation", new { cancelledOn = "2013-07", reason = "Partner withdrew" });
        await Conflict(cancelled, "activities", new { kind = "visit", deliveredOn = "2013-08", participants = 2 });
        await Conflict(cancelled, "cancellation", new { cancelledOn = "2013-08", reason = "again" });
        await Conflict(cancelled, "resumption", new { resumedOn = "2013-08" });

        var closed = await service.DeliveringAsync(_client, await service.CatalogueAsync(_client));
        await OkAsync(_client, closed, "outcome", new { adoptionLevel = "none", intendsToProcure = false, reportedOn = "2014" });
        await OkAsync(_client, closed, "evaluation", new { score = 2, evaluatedOn = "2015" });
        await OkAsync(_client, closed, "closure", new { closedOn = "2015" });
        await Conflict(closed, "suspension", new { suspendedOn = "2016", reason = "late" });
        await Conflict(closed, "schedule", new { startsOn = "2016" });
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_appends_nothing()
    {
        var location = await service.RequestAsync(_client, await service.CatalogueAsync(_client));
        await OkAsync(_client, location, "scope", new { modality = "studyVisit", participants = 12, plannedStart = "2013-06" });
        var before = await service.CountEventsAsync();

        var response = await _client.PostIfMatchAsync($"{location}/scope", new { modality = "consulting", participants = 2, plannedStart = "2013-09" }, "\"1\"");

        await HttpAssert.Problem(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await service.CountEventsAsync());
        Assert.Equal("studyVisit", (await _client.GetFromJsonAsync<JsonElement>(location)).GetProperty("modality").GetString());
    }

    [Fact]
    public async Task An_unknown_exchange_is_404()
    {
        await HttpAssert.Problem(await _client.GetAsync($"/api/exchanges/exchanges/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await HttpAssert.Problem(await _client.PostAsJsonAsync($"/api/exchanges/exchanges/{Guid.NewGuid()}/closure", new { closedOn = "2015" }),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_filter_by_country_policy_channel_status_and_year()
    {
        var policyId = await service.CatalogueAsync(_client);
        var other = await service.CatalogueAsync(_client, "Arisu water supply", "14020");
        var hanoi = await service.RequestAsync(_client, policyId, "Hanoi", "VN", requestedOn: "2016-05");
        await service.RequestAsync(_client, policyId, "Lima", "PE", channel: "seoulOffer", requestedOn: "2024");
        await service.RequestAsync(_client, other, "Chanchamayo", "PE", requestedOn: "2013");

        async Task<List<string>> Cities(string query)
        {
            var page = await _client.GetFromJsonAsync<JsonElement>($"/api/exchanges/exchanges?{query}&pageSize=200");
            return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("partnerCity").GetString()!).Order()];
        }

        Assert.Equal(["Hanoi", "Lima"], await Cities($"policy={policyId}"));
        Assert.Equal(["Chanchamayo"], await Cities($"policy={other}"));
        Assert.Equal(["Lima"], await Cities($"policy={policyId}&country=PE"));
        Assert.Equal(["Lima"], await Cities($"policy={policyId}&channel=seoulOffer"));
        Assert.Equal(["Hanoi"], await Cities($"policy={policyId}&year=2016"));
        Assert.Equal(["Hanoi", "Lima"], await Cities($"policy={policyId}&status=requested"));
        await OkAsync(_client, hanoi, "cancellation", new { cancelledOn = "2016-06", reason = "No budget" });
        Assert.Equal(["Hanoi"], await Cities($"policy={policyId}&status=cancelled"));
        Assert.Empty(await Cities($"network={Guid.NewGuid()}"));

        await HttpAssert.NamesField(await _client.GetAsync("/api/exchanges/exchanges?country=XX"), "country");
        await HttpAssert.NamesField(await _client.GetAsync("/api/exchanges/exchanges?channel=fax"), "channel");
        await HttpAssert.NamesField(await _client.GetAsync("/api/exchanges/exchanges?status=lost"), "status");
        await HttpAssert.NamesField(await _client.GetAsync("/api/exchanges/exchanges?pageSize=0"), "pageSize");
    }
}
