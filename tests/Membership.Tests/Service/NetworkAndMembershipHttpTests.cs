using Diplomacy.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Diplomacy.Membership.Tests.Service;

public sealed class NetworkAndMembershipHttpTests(MembershipServiceFactory service) : IClassFixture<MembershipServiceFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private async Task<string> RegisterAsync(string acronym)
    {
        var response = await _client.PostAsJsonAsync("/api/membership/networks", new
        {
            acronym, name = "World Association of the Major Metropolises", founded = 1985,
            headquartersCity = "Barcelona", headquartersCountry = "ES", themes = new[] { "urban governance" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<Uri> ActiveMembershipAsync(string networkId)
    {
        var applied = await _client.PostAsJsonAsync("/api/membership/memberships", new { networkId, appliedOn = "1987" });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var location = applied.Headers.Location!;
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{location}/acceptance", new { acceptedOn = "1987" })).StatusCode);
        return location;
    }

    [Fact]
    public async Task A_network_is_registered_renamed_and_keeps_its_former_name()
    {
        var id = await RegisterAsync("WeGO");
        var renamed = await _client.PostAsJsonAsync($"/api/membership/networks/{id}/rename",
            new { name = "World Smart Sustainable Cities Organization", effectiveOn = "2017" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var network = await _client.GetFromJsonAsync<JsonElement>($"/api/membership/networks/{id}");
        Assert.Equal("World Smart Sustainable Cities Organization", network.GetProperty("name").GetString());
        Assert.Equal(2, network.GetProperty("version").GetInt64());
        Assert.Equal("World Association of the Major Metropolises", network.GetProperty("previousNames")[0].GetProperty("name").GetString());
    }

    public static TheoryData<string, string> InvalidNetworks => new()
    {
        { """{"acronym":"C40","founded":2005,"headquartersCity":"London","headquartersCountry":"GB","themes":["climate"]}""", "name" },
        { """{"acronym":"C40","name":"","founded":2005,"headquartersCity":"London","headquartersCountry":"GB","themes":["climate"]}""", "name" },
        { """{"acronym":"C40","name":"C40","founded":"2005","headquartersCity":"London","headquartersCountry":"GB","themes":["climate"]}""", "founded" },
        { """{"acronym":"C40","name":"C40","founded":2005,"headquartersCity":"London","headquartersCountry":"UK","themes":["climate"]}""", "headquartersCountry" },
        { """{"acronym":"C40","name":"C40","founded":2005,"headquartersCity":"London","headquartersCountry":"GB","themes":[]}""", "themes" },
    };

    [Theory]
    [MemberData(nameof(InvalidNetworks))]
    public async Task Invalid_networks_are_400_naming_the_field_and_append_nothing(string body, string field)
    {
        var before = await service.CountEventsAsync();
        var response = await _client.PostAsync("/api/membership/networks", new StringContent(body, Encoding.UTF8, "application/json"));
        await HttpAssert.NamesField(response, field);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task A_negative_fee_is_400_naming_the_amount_and_appends_nothing()
    {
        var membership = await ActiveMembershipAsync(await RegisterAsync("CityNet"));
        var before = await service.CountEventsAsync();
        var response = await _client.PostAsJsonAsync($"{membership}/fees", new { year = 2024, fee = new { amount = -5, currency = "USD" } });
        await HttpAssert.NamesField(response, "fee.amount");
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task A_fee_in_an_unknown_currency_is_400_naming_the_currency()
    {
        var membership = await ActiveMembershipAsync(await RegisterAsync("GSEF"));
        var response = await _client.PostAsJsonAsync($"{membership}/fees", new { year = 2024, fee = new { amount = 5, currency = "XYZ" } });
        await HttpAssert.NamesField(response, "fee.currency");
    }

    [Fact]
    public async Task A_second_membership_of_one_network_is_409()
    {
        var networkId = await RegisterAsync("C40");
        await ActiveMembershipAsync(networkId);
        var before = await service.CountEventsAsync();
        var second = await _client.PostAsJsonAsync("/api/membership/memberships", new { networkId, appliedOn = "2006" });
        await HttpAssert.Problem(second, HttpStatusCode.Conflict);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task Applying_to_an_unknown_network_is_400_naming_the_network()
    {
        var response = await _client.PostAsJsonAsync("/api/membership/memberships", new { networkId = Guid.NewGuid(), appliedOn = "2006" });
        await HttpAssert.NamesField(response, "networkId");
    }

    [Fact]
    public async Task A_role_on_a_membership_that_is_not_active_is_409()
    {
        var applied = await _client.PostAsJsonAsync("/api/membership/memberships", new { networkId = await RegisterAsync("ICLEI"), appliedOn = "2012" });
        var response = await _client.PostAsJsonAsync($"{applied.Headers.Location}/roles", new { role = "president", termStart = "2013-11" });
        await HttpAssert.Problem(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_fee_is_assessed_and_paid_once()
    {
        var membership = await ActiveMembershipAsync(await RegisterAsync("UCLG-ASPAC"));
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{membership}/fees", new { year = 2024, fee = new { amount = 15000, currency = "USD" } })).StatusCode);
        var payment = new { year = 2024, paidOn = "2024-03", paid = new { amount = 15000, currency = "USD" } };
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{membership}/fee-payment", payment)).StatusCode);
        await HttpAssert.Problem(await _client.PostAsJsonAsync($"{membership}/fee-payment", payment), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Memberships_are_listed_by_status()
    {
        var networkId = await RegisterAsync("Metropolis");
        var membership = await ActiveMembershipAsync(networkId);
        var active = await _client.GetFromJsonAsync<JsonElement>($"/api/membership/memberships?status=active&network={networkId}");
        Assert.True(active.GetProperty("items").GetArrayLength() == 1, active.ToString());
        Assert.Equal(membership.ToString().Split('/')[^1], active.GetProperty("items")[0].GetProperty("id").GetString());
        var applied = await _client.GetFromJsonAsync<JsonElement>($"/api/membership/memberships?status=applied&network={networkId}");
        Assert.Equal(0, applied.GetProperty("items").GetArrayLength());
    }
}
