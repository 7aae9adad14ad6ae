using Yarp.ReverseProxy;

namespace Diplomacy.Gateway.OpenApi;

/// <summary>
/// <c>GET /openapi</c> lists the documents the gateway publishes. Each is a route in the <c>ReverseProxy</c> section matching
/// <c>/openapi/{service}.json</c> and rewriting the path to the service's own <c>/openapi/v1.json</c>.
/// </summary>
public static class OpenApiIndex
{
    public sealed record Document(string Service, string Url);

    public sealed record Index(IReadOnlyList<Document> Documents);

    public static IEndpointRouteBuilder MapOpenApiIndex(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi", (IProxyStateLookup proxy) => TypedResults.Ok(new Index(
            [.. proxy.GetRoutes()
                .Select(route => route.Config)
                .Where(route => route.Match.Path?.StartsWith("/openapi/", StringComparison.Ordinal) == true)
                .Select(route => new Document(route.ClusterId!, route.Match.Path!))
                .OrderBy(document => document.Url, StringComparer.Ordinal)])))
            .WithName("OpenApiIndex");
        return app;
    }
}
