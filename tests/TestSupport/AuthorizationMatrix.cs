using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Diplomacy.TestSupport;

/// <summary>What a caller must get on a route: exactly 401, exactly 403, or anything but those two.</summary>
public enum Expected { Unauthorized, Forbidden, Through }

/// <summary>One request of the matrix: a method and a concrete path (route parameters filled in), with its query.</summary>
public sealed record MatrixRoute(string Method, string Path, string Pattern)
{
    public bool IsRead => Method is "GET" or "HEAD";

    /// <summary>Open to anyone: health, OpenAPI and the Prometheus scrape endpoint.</summary>
    public bool IsOpen => Pattern.StartsWith("/health", StringComparison.OrdinalIgnoreCase) || Pattern.StartsWith("/openapi", StringComparison.OrdinalIgnoreCase)
                          || Pattern.Equals("/metrics", StringComparison.OrdinalIgnoreCase)
                          || Pattern.StartsWith("/api-docs", StringComparison.OrdinalIgnoreCase) || Pattern.Equals("/asyncapi.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>History, verification, export and replay: for auditors. Decided here from the route, independently of the policy code.</summary>
    public bool IsAudit =>
        Pattern.Contains("/history", StringComparison.Ordinal) || Pattern.Contains("/verify", StringComparison.Ordinal)
        || Pattern.Contains("/audit/", StringComparison.Ordinal) || Path.Contains("?version=", StringComparison.Ordinal)
        || Path.Contains("?asOf=", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// The authorization matrix: every route of a service (from its <see cref="EndpointDataSource"/>) against every <see cref="Caller"/>,
/// each asserted to get exactly 401, exactly 403, or neither (a success or a domain answer such as 400, 404, 409).
/// </summary>
public static class AuthorizationMatrix
{
    /// <summary>What <paramref name="caller"/> must get on <paramref name="route"/>.</summary>
    public static Expected ExpectedFor(Caller caller, MatrixRoute route)
    {
        if (route.IsOpen) return Expected.Through;
        switch (caller)
        {
            case Caller.NoToken or Caller.Expired or Caller.WrongSignature or Caller.WrongAudience:
                return Expected.Unauthorized;
            case Caller.Admin:
                return Expected.Through;
        }
        if (route.IsRead)
            return route.IsAudit ? caller == Caller.Auditor ? Expected.Through : Expected.Forbidden : Expected.Through;
        return caller == Caller.EditorOfOwningDepartment ? Expected.Through : Expected.Forbidden;
    }

    /// <summary>Every route the service maps, its parameters filled with a random Guid; GETs of one stream also replayed (<c>?version=1</c>).</summary>
    public static IReadOnlyList<MatrixRoute> RoutesOf(IServiceProvider services)
    {
        var routes = new List<MatrixRoute>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var raw = "/" + (pattern.RawText ?? "").TrimStart('/');
            var path = "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(Fill))));
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                routes.Add(new MatrixRoute(method, path, raw));
                if (method == "GET" && raw.EndsWith("{id:guid}", StringComparison.Ordinal))
                    routes.Add(new MatrixRoute(method, path + "?version=1", raw));
            }
        }
        return routes.DistinctBy(r => r.ToString()).OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
    }

    private static string Fill(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart { Name: "documentName" } => "v1",
        RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "1",
        RoutePatternParameterPart => Guid.NewGuid().ToString(),
        _ => throw new InvalidOperationException($"Unknown route part {part}"),
    };

    /// <summary>Sends every route as every caller and fails with the list of every answer that is not what the policy says.</summary>
    public static async Task AssertAsync<TProgram>(WebApplicationFactory<TProgram> factory, TestTokens tokens, string owningDepartment,
        string otherDepartment, int minimumRoutes) where TProgram : class
    {
        var routes = RoutesOf(factory.Services);
        Assert.True(routes.Count(r => !r.IsOpen) >= minimumRoutes,
            $"Only {routes.Count} routes found:{Environment.NewLine}{string.Join(Environment.NewLine, routes)}");
        Assert.Contains(routes, r => r.Method == "POST");
        Assert.Contains(routes, r => r.IsAudit);

        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        var failures = await RunAsync(client, routes, tokens, owningDepartment, otherDepartment);
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {routes.Count * Enum.GetValues<Caller>().Length} answers broke the policy:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>Sends each route as each caller through <paramref name="client"/> (which carries no token of its own); returns the failures.</summary>
    public static async Task<List<string>> RunAsync(HttpClient client, IEnumerable<MatrixRoute> routes, TestTokens tokens,
        string owningDepartment, string otherDepartment)
    {
        var failures = new List<string>();
        var callers = Enum.GetValues<Caller>().ToDictionary(c => c, c => tokens.For(c, owningDepartment, otherDepartment));
        foreach (var route in routes)
        foreach (var (caller, token) in callers)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (!route.IsRead) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var expected = ExpectedFor(caller, route);
            var status = response.StatusCode;
            var ok = expected switch
            {
                Expected.Unauthorized => status == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.Count > 0
                                         && response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                Expected.Forbidden => status == HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                _ => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
            };
            if (!ok) failures.Add($"{route} as {caller}: expected {expected}, got {(int)status} {response.Content.Headers.ContentType?.MediaType}");
        }
        return failures;
    }
}
