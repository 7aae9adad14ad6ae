using Diplomacy.ServiceDefaults.Http.OpenApi;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Http;

public static class OpenApiDefaults
{
    /// <summary>
    /// The service's OpenAPI document (3.0, which client generators read best), with the gateway as its server, the bearer
    /// scheme, the domain's value types as patterned strings, and what every command shares (see <see cref="OperationConventions"/>).
    /// <paramref name="configure"/> adds what only this service's document needs.
    /// </summary>
    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder, Action<OpenApiOptions>? configure = null)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0;
            options.AddSchemaTransformer(DomainSchemas.TransformAsync);
            options.AddDocumentTransformer(SecurityAndServers.TransformAsync);
            options.AddDocumentTransformer(OperationConventions.TransformAsync);
            options.AddDocumentTransformer(NullableReferences.TransformAsync);
            configure?.Invoke(options);
        });
        return builder;
    }
}
