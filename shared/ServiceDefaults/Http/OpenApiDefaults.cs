using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Http;

public static class OpenApiDefaults
{
    /// <summary>
    /// The service's OpenAPI document, without a server address: callers read it through the gateway, and an
    /// address inside the cluster would send their clients around the gateway.
    /// </summary>
    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers?.Clear();
            return Task.CompletedTask;
        }));
        return builder;
    }
}
