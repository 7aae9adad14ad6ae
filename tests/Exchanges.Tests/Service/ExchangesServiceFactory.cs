using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.TestSupport;

namespace Diplomacy.Exchanges.Tests.Service;

/// <summary>The Exchanges service in-process, on its own database and virtual host of the real servers.</summary>
public sealed class ExchangesServiceFactory : ServiceFactory<Program>
{
    public async Task<Guid> CatalogueAsync(HttpClient client, string title = "TOPIS traffic operations", string sector = "21020")
    {
        var response = await client.PostAsJsonAsync("/api/exchanges/policies", new
        {
            title = $"{title} {Guid.NewGuid():N}", department = "City Transportation Office", sector, sdgGoals = new[] { 11, 9 },
            summary = "Seoul's transport operation and information service.",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Requests an exchange of <paramref name="policyId"/> with <paramref name="city"/>; returns its location.</summary>
    public async Task<Uri> RequestAsync(HttpClient client, Guid policyId, string city = "Ulaanbaatar", string country = "MN",
        string channel = "bilateral", string requestedOn = "2013-03")
    {
        var response = await client.PostAsJsonAsync("/api/exchanges/exchanges",
            new { partnerCity = city, partnerCountry = country, channel, policyIds = new[] { policyId }, requestedOn });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>Drives an exchange from request through its first delivered activity.</summary>
    public async Task<Uri> DeliveringAsync(HttpClient client, Guid policyId, string city = "Ulaanbaatar", string country = "MN")
    {
        var location = await RequestAsync(client, policyId, city, country);
        await OkAsync(client, location, "scope", new { modality = "studyVisit", participants = 12, plannedStart = "2013-06" });
        await OkAsync(client, location, "funding-approval",
            new { source = "External Cooperation Fund", funding = new { amount = 50_000_000, currency = "KRW" }, approvedOn = "2013-05" });
        await OkAsync(client, location, "activities", new { kind = "visit", deliveredOn = "2013-06-10", participants = 12 });
        return location;
    }

    public static async Task<JsonElement> OkAsync(HttpClient client, Uri location, string command, object body)
    {
        var response = await client.PostAsJsonAsync($"{location}/{command}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{command}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
