using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// "No input, however malformed, gets a 5xx": every operation of every published OpenAPI document, sent through the
/// gateway with an admin's token and malformed input of every kind its shape allows: bodies that are not JSON, of the
/// wrong JSON kind, nested past any limit, or with each property of the wrong type; path and query values that are not
/// of their type, out of range, or not UTF-8; malformed If-Match and Idempotency-Key headers.
/// </summary>
[Collection("platform")]
public sealed class MalformedInputPlatformTests(PlatformFixture platform)
{
    // Each raw body once per operation that takes one: not JSON, the wrong kind of JSON, past any nesting limit, not UTF-8.
    private static readonly string[] RawBodies =
    [
        "", "{", "}", "[]", "null", "42", "\"text\"", "{\"a\":}", "{\"a\":1,}", "{'a':1}",
        new string('[', 5_000) + new string(']', 5_000),
        "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_001),
    ];

    // Each in place of one property of a body: every JSON kind, numbers past any type's range, a long string.
    private static readonly string[] WrongValues =
    [
        "null", "true", "-1", "0", "1e400", "-99999999999999999999999", "3.5", "\"\"", "\"not of its kind\"", "[]", "[null]", "{}",
        "\"" + new string('x', 20_000) + "\"", "\"a\\u0000b\"", "[\"\\u0000\"]", "{\"amount\":\"\\u0000\",\"currency\":\"\\u0000\"}",
        "\"\\ud800\"",
    ];

    // Each in place of one path or query value.
    private static readonly string[] WrongParameters =
    [
        "", "abc", "-1", "0", "99999999999999999999", "1e400", "2026-13-45", "%FF%FE", "%00", "..%2F..%2Fetc", "true,false",
        "00000000-0000-0000-0000-000000000000", new string('9', 4_000),
    ];

    [Fact]
    public async Task No_malformed_input_to_any_operation_gets_a_5xx_through_the_gateway()
    {
        var requests = new List<Func<HttpRequestMessage>>();
        foreach (var (route, document) in (await ApiDocuments.FetchAsync(platform)).Where(d => d.Key != "asyncapi"))
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            Assert.StartsWith("/api/", path);
            // Rebuilding every view would race the other platform tests; its input is only the token.
            if (path.Contains("/admin/", StringComparison.Ordinal)) continue;
            requests.AddRange(Malformed(document, new HttpMethod(method.ToUpperInvariant()), path, operation!));
        }
        // The gateway's own door for auditors, which is in no service's document.
        foreach (var value in WrongParameters.Where(v => v.Length > 0))
            requests.Add(() => Request(HttpMethod.Get, $"/api/audit/initiatives/{value}", body: null));
        foreach (var name in new[] { "page", "pageSize" })
        foreach (var value in WrongParameters)
            requests.Add(() => Request(HttpMethod.Get, $"/api/audit/initiatives/{Guid.NewGuid()}?{name}={value}", body: null));
        Assert.True(requests.Count > 1_000, $"Only {requests.Count} malformed requests were made from the documents");

        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (make, ct) =>
        {
            using var request = make();
            var what = $"{request.Method} {request.RequestUri}"[..Math.Min(200, $"{request.Method} {request.RequestUri}".Length)];
            try
            {
                using var response = await platform.Gateway.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if ((int)response.StatusCode >= 500)
                    failures.Enqueue($"{what}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
                else if (response.StatusCode == HttpStatusCode.BadRequest && body.Length > 0
                         && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Enqueue($"{what}: 400 as {response.Content.Headers.ContentType}, not problem details");
            }
            catch (HttpRequestException e)
            {
                failures.Enqueue($"{what}: no answer ({e.Message})");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} malformed requests:{Environment.NewLine}  "
            + string.Join($"{Environment.NewLine}  ", failures.Take(30)) + $"{Environment.NewLine}{platform.Output}");
    }

    private static IEnumerable<Func<HttpRequestMessage>> Malformed(JsonNode document, HttpMethod method, string path, JsonNode operation)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var pathNames = parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
        var queryNames = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
        var fillIn = pathNames.ToDictionary(n => n, _ => Guid.NewGuid().ToString());
        var wellFormedPath = Fill(path, fillIn);
        var schema = Resolve(document, operation["requestBody"]?["content"]?["application/json"]?["schema"]);

        // Each path value malformed in turn, the others well formed.
        foreach (var name in pathNames)
        foreach (var value in WrongParameters.Where(v => v.Length > 0))
        {
            var uri = Fill(path, new Dictionary<string, string>(fillIn) { [name] = value });
            yield return () => Request(method, uri, schema is null ? null : "{}");
        }
        // Each query value malformed in turn, alone.
        foreach (var name in queryNames)
        foreach (var value in WrongParameters)
        {
            var uri = $"{wellFormedPath}?{name}={value}";
            yield return () => Request(method, uri, schema is null ? null : "{}");
        }
        if (method != HttpMethod.Post) yield break;

        foreach (var raw in RawBodies) yield return () => Request(method, wellFormedPath, raw);
        yield return () => Request(method, wellFormedPath, "{}", contentType: "text/plain");
        yield return () => Request(method, wellFormedPath, new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0xFF, 0xFE, 0x7D });
        yield return () => Request(method, wellFormedPath, "{}", ("If-Match", "\"not a version\""));
        yield return () => Request(method, wellFormedPath, "{}", ("If-Match", "\"99999999999999999999999\""));
        yield return () => Request(method, wellFormedPath, "{}", ("Idempotency-Key", new string('k', 300)));

        // Each property of the body with each wrong value in turn, the others absent.
        foreach (var property in schema?["properties"]?.AsObject().Select(p => p.Key) ?? [])
        foreach (var value in WrongValues)
        {
            var body = $"{{\"{property}\":{value}}}";
            yield return () => Request(method, wellFormedPath, body);
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string uri, string? body, params (string Name, string Value)[] headers) =>
        Request(method, uri, body is null ? null : Encoding.UTF8.GetBytes(body), "application/json", headers);

    private static HttpRequestMessage Request(HttpMethod method, string uri, string body, string contentType) =>
        Request(method, uri, Encoding.UTF8.GetBytes(body), contentType, []);

    private static HttpRequestMessage Request(HttpMethod method, string uri, byte[]? body, string contentType = "application/json",
        (string Name, string Value)[]? headers = null)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static string Fill(string path, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values) path = path.Replace($"{{{name}}}", value, StringComparison.Ordinal);
        return path;
    }

    /// <summary>The schema itself when it is a <c>$ref</c> into the document's components.</summary>
    private static JsonNode? Resolve(JsonNode document, JsonNode? schema) =>
        (string?)schema?["$ref"] is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]
            : schema;
}
