using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Platform.Tests;

/// <summary>The calls platform tests make through the gateway: a command expecting a status, and a command at a version.</summary>
public static class GatewayCalls
{
    /// <summary>POSTs <paramref name="body"/>, asserts <paramref name="expected"/>, and returns the answer's JSON.</summary>
    public static async Task<JsonElement> PostExpectingAsync(this HttpClient gateway, string uri, object body, HttpStatusCode expected)
    {
        var response = await gateway.PostAsJsonAsync(uri, body);
        await response.AssertStatus(expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>POSTs <paramref name="body"/> with <c>If-Match: <paramref name="ifMatch"/></c>.</summary>
    public static Task<HttpResponseMessage> PostIfMatchAsync(this HttpClient gateway, string uri, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return gateway.SendAsync(request);
    }
}
