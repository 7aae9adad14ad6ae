using Xunit;
using System.Net;
using System.Text.Json;

namespace Diplomacy.TestSupport;

/// <summary>Assertions on HTTP answers: RFC 9457 problems, named fields, success with the body in the message.</summary>
public static class HttpAssert
{
    /// <summary>
    /// Asserts an RFC 9457 answer with <paramref name="status"/> on the wire and in the body, sent with its length;
    /// returns the body.
    /// </summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        response.AssertSentWhole();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>
    /// Asserts the answer came with a Content-Length, not in chunks: it left the service in one write, which a kill of the
    /// service cannot cut after the headers. Reads the header as sent: <c>ContentLength</c> would count a buffered body.
    /// </summary>
    public static void AssertSentWhole(this HttpResponseMessage response)
    {
        Assert.True(response.Headers.TransferEncodingChunked != true, $"{(int)response.StatusCode} was sent in chunks");
        Assert.True(response.Content.Headers.NonValidated.Contains("Content-Length"), $"{(int)response.StatusCode} was sent without a Content-Length");
    }

    /// <summary>
    /// Asserts <paramref name="again"/> is <paramref name="first"/> given again for its <c>Idempotency-Key</c>: marked
    /// <c>Idempotent-Replayed</c>, sent whole, with the same status, Location, ETag and body.
    /// </summary>
    public static async Task AssertAnswersAgain(this HttpResponseMessage again, HttpResponseMessage first)
    {
        await again.AssertStatus(first.StatusCode);
        again.AssertSentWhole();
        Assert.False(first.Headers.Contains("Idempotent-Replayed"), "The first answer is marked as given again");
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    /// <summary>Asserts the status, showing the body when it is another one.</summary>
    public static async Task AssertStatus(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
            Assert.Fail($"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Static form of <see cref="AssertProblem"/>, kept for the service tests that call it so.</summary>
    public static Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status) =>
        response.AssertProblem(status);

    /// <summary>Asserts a 400 whose problem details name <paramref name="field"/> among the invalid fields.</summary>
    public static async Task NamesField(HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
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
