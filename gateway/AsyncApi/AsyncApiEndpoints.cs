using System.Text.Json.Nodes;

namespace Diplomacy.Gateway.AsyncApi;

/// <summary><c>GET /asyncapi.json</c>: the AsyncAPI document of the integration events, open to anyone like <c>/openapi</c>.</summary>
public static class AsyncApiEndpoints
{
    public const string Path = "/asyncapi.json";

    public static IEndpointRouteBuilder MapAsyncApi(this IEndpointRouteBuilder app)
    {
        var broker = app.ServiceProvider.GetRequiredService<IConfiguration>()["AsyncApi:Broker"] ?? "localhost:5672";
        // Built once: the contracts cannot change while the process runs.
        var document = AsyncApiDocument.Build(ContractCatalog.Messages, ContractDocs.Load(), broker).ToJsonString();
        app.MapGet(Path, () => Results.Text(document, "application/json"))
            .WithName("AsyncApiDocument")
            .ExcludeFromDescription();
        return app;
    }
}
