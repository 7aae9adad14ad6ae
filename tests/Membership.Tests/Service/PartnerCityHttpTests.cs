using Diplomacy.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Diplomacy.Membership.Tests.Service;

public sealed class PartnerCityHttpTests(MembershipServiceFactory service) : IClassFixture<MembershipServiceFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_proposed_tie_is_created_and_read_back_with_its_version()
    {
        var (location, etag) = await service.ProposeAsync(_client, "Hanoi");
        Assert.Equal("\"1\"", etag);

        var response = await _client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        response.AssertSentWhole();
        var tie = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(location.ToString().Split('/')[^1], tie.GetProperty("id").GetString());
        Assert.Equal(1, tie.GetProperty("version").GetInt64());
        Assert.Equal("proposed", tie.GetProperty("status").GetString());
        Assert.Equal("sister", tie.GetProperty("tie").GetString());
        Assert.Equal("1996", tie.GetProperty("proposedOn").GetString());
    }

    [Fact]
    public async Task A_sister_tie_goes_from_proposed_to_active_through_council_approval_and_agreement()
    {
        var (location, _) = await service.ProposeAsync(_client, "Hanoi");

        var approval = await _client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" });
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        Assert.Equal("\"2\"", approval.Headers.ETag?.Tag);
        approval.AssertSentWhole();

        var agreement = await _client.PostAsJsonAsync($"{location}/agreement", new { signedOn = "1996-05" });
        Assert.Equal(HttpStatusCode.OK, agreement.StatusCode);
        var tie = await agreement.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("active", tie.GetProperty("status").GetString());
        Assert.Equal(3, tie.GetProperty("version").GetInt64());
        Assert.Equal("1996-05", tie.GetProperty("agreementSignedOn").GetString());
    }

    [Fact]
    public async Task A_sister_agreement_without_council_approval_is_409_and_appends_nothing()
    {
        var (location, _) = await service.ProposeAsync(_client, "Hanoi");
        var before = await service.CountEventsAsync();

        var response = await _client.PostAsJsonAsync($"{location}/agreement", new { signedOn = "1996-05" });

        await HttpAssert.Problem(response, HttpStatusCode.Conflict);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task A_friendship_agreement_needs_no_council_approval()
    {
        var (location, _) = await service.ProposeAsync(_client, "Da Nang", tie: "friendship");
        var response = await _client.PostAsJsonAsync($"{location}/agreement", new { signedOn = "2020" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_appends_nothing()
    {
        var (location, _) = await service.ProposeAsync(_client, "Hanoi");
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" })).StatusCode);
        var before = await service.CountEventsAsync();

        var response = await _client.PostIfMatchAsync($"{location}/agreement", new { signedOn = "1996-05" }, "\"1\"");

        await HttpAssert.Problem(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await service.CountEventsAsync());
        var current = await _client.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("proposed", current.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_current_if_match_is_accepted()
    {
        var (location, etag) = await service.ProposeAsync(_client, "Hanoi");
        var response = await _client.PostIfMatchAsync($"{location}/council-approval", new { approvedOn = "1996-04" }, etag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_unknown_tie_is_404()
    {
        var response = await _client.PostAsJsonAsync($"/api/membership/partner-cities/{Guid.NewGuid()}/agreement", new { signedOn = "1996-05" });
        await HttpAssert.Problem(response, HttpStatusCode.NotFound);
        await HttpAssert.Problem(await _client.GetAsync($"/api/membership/partner-cities/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        // No stream has the empty id, which the event store refuses to look for: 404 like any other, not a 500.
        var empty = await _client.PostAsJsonAsync($"/api/membership/partner-cities/{Guid.Empty}/agreement", new { signedOn = "1996-05" });
        await HttpAssert.Problem(empty, HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidProposals => new()
    {
        { """{"city":"Hanoi","country":"XX","jurisdiction":"city","tie":"sister","proposedOn":"1996"}""", "country" },
        { """{"city":"Hanoi","country":"vn","jurisdiction":"city","tie":"sister","proposedOn":"1996"}""", "country" },
        { """{"city":"Hanoi","country":"VN","jurisdiction":"city","tie":"cousin","proposedOn":"1996"}""", "tie" },
        { """{"city":"Hanoi","country":"VN","jurisdiction":"city","tie":"sister","proposedOn":"1996-13"}""", "proposedOn" },
        { """{"city":"Hanoi","country":"VN","jurisdiction":"city","tie":"sister","proposedOn":"96"}""", "proposedOn" },
        { """{"country":"VN","jurisdiction":"city","tie":"sister","proposedOn":"1996"}""", "city" },
        { """{"city":"  ","country":"VN","jurisdiction":"city","tie":"sister","proposedOn":"1996"}""", "city" },
        { """{"city":null,"country":"VN","jurisdiction":"city","tie":"sister","proposedOn":"1996"}""", "city" },
        { """{"city":42,"country":"VN","jurisdiction":"city","tie":"sister","proposedOn":"1996"}""", "city" },
        // PostgreSQL cannot store a NUL; a lone surrogate is no text at all.
        { """{"city":"Ha\u0000noi","country":"VN","jurisdiction":"city","tie":"sister","proposedOn":"1996"}""", "city" },
        { """{"city":"Ha\ud800noi","country":"VN","jurisdiction":"city","tie":"sister","proposedOn":"1996"}""", "city" },
        { """{"city":"Hanoi","country":"VN","jurisdiction":3,"tie":"sister","proposedOn":"1996"}""", "jurisdiction" },
        { """{"city":"Hanoi","country":"VN","jurisdiction":"city","tie":"sister","proposedOn":1996}""", "proposedOn" },
        { """not json at all""", "body" },
        { """["a","list"]""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidProposals))]
    public async Task Invalid_input_is_400_naming_the_field_and_appends_nothing(string body, string field)
    {
        var before = await service.CountEventsAsync();
        var response = await _client.PostAsync("/api/membership/partner-cities", new StringContent(body, Encoding.UTF8, "application/json"));
        await HttpAssert.NamesField(response, field);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task A_malformed_if_match_is_400_naming_the_header()
    {
        var (location, _) = await service.ProposeAsync(_client, "Hanoi");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{location}/council-approval")
        {
            Content = JsonContent.Create(new { approvedOn = "1996-04" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"yesterday\"");
        await HttpAssert.NamesField(await _client.SendAsync(request), "If-Match");
    }

    [Fact]
    public async Task Lists_filter_by_country_tie_and_status_and_page()
    {
        var (hanoi, _) = await service.ProposeAsync(_client, "Hanoi");
        await service.ProposeAsync(_client, "Hue", tie: "friendship");
        var response = await _client.PostAsJsonAsync("/api/membership/partner-cities",
            new { city = "Kyoto", country = "JP", jurisdiction = "prefecture", tie = "friendship", proposedOn = "2001-02-03" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var sisters = await _client.GetFromJsonAsync<JsonElement>("/api/membership/partner-cities?country=VN&tie=sister&status=proposed&pageSize=200");
        var ids = sisters.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains(hanoi.ToString().Split('/')[^1], ids);
        Assert.All(sisters.GetProperty("items").EnumerateArray(), item =>
        {
            Assert.Equal("VN", item.GetProperty("country").GetString());
            Assert.Equal("sister", item.GetProperty("tie").GetString());
        });

        var japan = await _client.GetFromJsonAsync<JsonElement>("/api/membership/partner-cities?country=JP&pageSize=1");
        Assert.Equal(1, japan.GetProperty("items").GetArrayLength());
        Assert.Equal("Kyoto", japan.GetProperty("items")[0].GetProperty("city").GetString());

        await HttpAssert.NamesField(await _client.GetAsync("/api/membership/partner-cities?country=XX"), "country");
        await HttpAssert.NamesField(await _client.GetAsync("/api/membership/partner-cities?pageSize=0"), "pageSize");
        // Filters and paging are checked together: one answer names every wrong parameter.
        var everyWrong = await _client.GetAsync("/api/membership/partner-cities?country=korea&tie=cousin&page=0&pageSize=201");
        foreach (var field in new[] { "country", "tie", "page", "pageSize" }) await HttpAssert.NamesField(everyWrong, field);
        // A value that is not even a number is named too, with what it must be.
        var notANumber = await _client.GetAsync("/api/membership/partner-cities?pageSize=abc");
        await HttpAssert.NamesField(notANumber, "pageSize");
        Assert.Contains("Must be a whole number.", await notANumber.Content.ReadAsStringAsync());
        // Beside one that does not parse, a paging value out of range is named as well.
        var both = await _client.GetAsync("/api/membership/partner-cities?page=-5&pageSize=abc");
        foreach (var field in new[] { "page", "pageSize" }) await HttpAssert.NamesField(both, field);
        // An empty value does not parse either, as the framework binds it.
        var empty = await _client.GetAsync("/api/membership/partner-cities?page=&pageSize=");
        foreach (var field in new[] { "page", "pageSize" }) await HttpAssert.NamesField(empty, field);
    }
}
