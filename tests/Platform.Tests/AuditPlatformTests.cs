using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Platform.Tests;

/// <summary>The gateway's one door for auditors finds an initiative's history in whichever service keeps it.</summary>
[Collection("platform")]
public sealed class AuditPlatformTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_initiative_is_found_without_naming_its_service()
    {
        var created = await platform.Gateway.PostAsJsonAsync("/api/membership/partner-cities",
            new { city = "Hanoi", country = "VN", jurisdiction = "city", tie = "sister", proposedOn = "1996" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var response = await platform.Gateway.GetAsync($"/api/audit/initiatives/{id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var history = JsonDocument.Parse(body).RootElement;
        Assert.Equal("membership", history.GetProperty("service").GetString());
        Assert.Equal(id, history.GetProperty("streamId").GetString());
        var first = history.GetProperty("items")[0];
        Assert.Equal("tie_proposed", first.GetProperty("type").GetString());
        Assert.Equal(64, first.GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task An_unknown_initiative_is_404_problem_details()
    {
        var response = await platform.Gateway.GetAsync($"/api/audit/initiatives/{Guid.NewGuid()}");
        var body = await response.Content.ReadAsStringAsync();
        // Every service that keeps streams runs in the platform and answered "not here".
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Paging_values_out_of_range_are_named_by_the_door()
    {
        var response = await platform.Gateway.GetAsync($"/api/audit/initiatives/{Guid.NewGuid()}?page=0&pageSize=-3");

        await HttpAssert.NamesField(response, "page");
        await HttpAssert.NamesField(response, "pageSize");
    }
}
