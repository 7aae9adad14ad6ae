using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Diplomacy.TestSupport;

/// <summary>Requests tests send that HttpClient has no one-call form for.</summary>
public static class HttpCalls
{
    /// <summary>POSTs <paramref name="body"/> with <c>If-Match: <paramref name="ifMatch"/></c> (a quoted entity tag).</summary>
    public static Task<HttpResponseMessage> PostIfMatchAsync(this HttpClient client, string uri, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return client.SendAsync(request);
    }

    /// <summary>
    /// POSTs <paramref name="body"/> with <c>Idempotency-Key: <paramref name="key"/></c> sent as given (a test may send a
    /// malformed one), and <c>If-Match</c> when <paramref name="ifMatch"/> is given.
    /// </summary>
    public static Task<HttpResponseMessage> PostWithKeyAsync(this HttpClient client, string uri, object body, string key, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
