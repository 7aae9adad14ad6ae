using System.Net;
using System.Text.Json;

namespace Diplomacy.Gateway.Tests;

public static class Problems
{
    /// <summary>Asserts an RFC 9457 answer with <paramref name="status"/> on the wire and in the body; returns the body.</summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }
}
