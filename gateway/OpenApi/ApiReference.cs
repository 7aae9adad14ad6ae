using Scalar.AspNetCore;
using Yarp.ReverseProxy;

namespace Diplomacy.Gateway.OpenApi;

/// <summary>
/// <c>/api-docs</c>: Scalar's API reference over every service's OpenAPI document and the AsyncAPI document. Its script
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
            var documents = OpenApiIndex.Documents(http.RequestServices.GetRequiredService<IProxyStateLookup>());
            foreach (var document in documents)
                options.AddDocument(document.Service, document.Service, document.Url, isDefault: document.Service == "membership");
            options.AddAsyncApiDocument("events", "Integration events (AsyncAPI)", AsyncApi.AsyncApiEndpoints.Path);
        });
        return app;
    }
}
