using Xunit;
using System.Net;
using System.Text.Json;

namespace Diplomacy.TestSupport;

/// <summary>Assertions on HTTP answers: RFC 9457 problems, named fields, success with the body in the message.</summary>
public static class HttpAssert
{
    /// <summary>Asserts an RFC 9457 problem with the status, and returns its body.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 whose problem details name <paramref name="field"/> among the invalid fields.</summary>
    public static async Task NamesField(HttpResponseMessage response, string field)
    {
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var fields = problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(e => e.Name).ToList()
            : [];
        Assert.True(fields.Contains(field), $"Expected the field '{field}' to be named, got [{string.Join(", ", fields)}]: {problem}");
    }

    public static async Task Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Expected success, got {(int)response.StatusCode}: {body}");
    }
}
