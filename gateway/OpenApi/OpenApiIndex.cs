using Diplomacy.Gateway.Proxy;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Gateway.OpenApi;

/// <summary>
/// <c>GET /openapi</c> lists the documents the gateway publishes: one per manifest service at <c>/openapi/{route}.json</c>,
/// a proxied route that rewrites the path to the service's own <c>/openapi/v1.json</c> (<see cref="ProxyExtensions.Routes"/>).
/// </summary>
public static class OpenApiIndex
{
    public sealed record Document(string Service, string Url);

    public sealed record Index(IReadOnlyList<Document> Documents);

    private static readonly Index Documents = new(
        [.. ServiceManifest.Services.Select(s => new Document(s.Route, ProxyExtensions.OpenApiPath(s))).OrderBy(d => d.Url, StringComparer.Ordinal)]);

    public static IEndpointRouteBuilder MapOpenApiIndex(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi", () => TypedResults.Ok(Documents)).WithName("OpenApiIndex");
        return app;
    }
}
