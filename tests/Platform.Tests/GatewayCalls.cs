using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Platform.Tests;

/// <summary>A command platform tests send through the gateway, asserting its status; commands at a version use TestSupport's PostIfMatchAsync.</summary>
public static class GatewayCalls
{
    /// <summary>POSTs <paramref name="body"/>, asserts <paramref name="expected"/>, and returns the answer's JSON.</summary>
    public static async Task<JsonElement> PostExpectingAsync(this HttpClient gateway, string uri, object body, HttpStatusCode expected)
    {
        var response = await gateway.PostAsJsonAsync(uri, body);
        await response.AssertStatus(expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
