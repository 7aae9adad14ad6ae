using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Console.Tests;

/// <summary>Initiatives the browser tests start from, written through the gateway's API with a provider-issued token.</summary>
public static class Seeds
{
    /// <summary>A friendship tie proposed and signed: two versions (proposed in 1996, signed in May 1996).</summary>
    public static async Task<Guid> SignedFriendshipAsync(ConsolePlatform platform, string city)
    {
        using var api = await platform.ApiAsAsync("editor", "international-relations");
        using var created = await api.PostAsJsonAsync("/api/membership/partner-cities",
            new { city, country = "VN", jurisdiction = "city", tie = "friendship", proposedOn = "1996" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var signed = await api.PostAsJsonAsync($"/api/membership/partner-cities/{id}/agreement", new { signedOn = "1996-05" });
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());
        return id;
    }
}
