using Scalar.AspNetCore;

namespace Diplomacy.Gateway.OpenApi;

/// <summary>
/// <c>/api-docs</c>: Scalar's API reference over every manifest service's OpenAPI document and the AsyncAPI document. Its script
/// and styles are embedded in the package and served from here, so it works offline; reading it needs no token.
/// </summary>
public static class ApiReference
{
    public const string Path = "/api-docs";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, (options, http) =>
        {
            options.WithTitle("Seoul City Diplomacy Platform API")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .AddPreferredSecuritySchemes("bearer");
            // Absolute: Scalar reads a path as relative to its own page.
            var gateway = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
            foreach (var document in OpenApiIndex.All)
                options.AddDocument(document.Service, document.Service, gateway + document.Url, isDefault: document.Service == "membership");
            options.AddAsyncApiDocument("events", "Integration events (AsyncAPI)", gateway + AsyncApi.AsyncApiEndpoints.Path);
        });
        return app;
    }
}
