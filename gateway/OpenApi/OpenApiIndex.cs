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
        app.MapGet("/openapi", (IProxyStateLookup proxy) => TypedResults.Ok(new Index(Documents(proxy))))
            .WithName("OpenApiIndex");
        return app;
    }

    /// <summary>Every service's document, by the routes that publish them.</summary>
    public static IReadOnlyList<Document> Documents(IProxyStateLookup proxy) =>
        [.. proxy.GetRoutes()
            .Select(route => route.Config)
            .Where(IsDocumentRoute)
            .Select(route => new Document(route.ClusterId!, route.Match.Path!))
            .OrderBy(document => document.Url, StringComparer.Ordinal)];

    public static bool IsDocumentRoute(Yarp.ReverseProxy.Configuration.RouteConfig route) =>
        route.Match.Path?.StartsWith("/openapi/", StringComparison.Ordinal) == true;
}
