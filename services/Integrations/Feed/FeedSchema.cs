using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Diplomacy.Integrations.Feed;

/// <summary>
/// The feed's items as the CloudEvents 1.0 JSON they are. They are written by the CloudEvents SDK as JSON elements, which
/// OpenAPI would otherwise describe as an untyped array that generators and linters refuse.
/// </summary>
public static class FeedSchema
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        if (context.JsonTypeInfo.Type == typeof(FeedPage) && schema.Properties is { } properties)
            properties["items"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "The integration events after the cursor, in log order.",
                Items = CloudEvent(),
            };
        return Task.CompletedTask;
    }

    private static OpenApiSchema CloudEvent() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A CloudEvent 1.0 in JSON structured mode; data is the integration event's payload, as in the AsyncAPI document.",
        Required = new HashSet<string> { "specversion", "id", "source", "type" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["specversion"] = Text("The CloudEvents version: 1.0."),
            ["id"] = Text("The integration event's message id: the same event always has the same id."),
            ["source"] = Text("The service that published it, as a URI reference."),
            ["type"] = Text("The message URN, such as urn:message:diplomacy:membership:partner-tie-signed:v1."),
            ["subject"] = Text("The id of the initiative (stream) the event belongs to."),
            ["time"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When it happened." },
            ["datacontenttype"] = Text("application/json."),
            ["sequence"] = Text("The event's place in the log: pass it as after= to read what follows."),
            ["data"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The integration event." },
        },
        Examples =
        [
            new JsonObject
            {
                ["specversion"] = "1.0",
                ["id"] = "5f0c6a3e-8e1b-4c55-9d64-2b0f7f3c9a11",
                ["source"] = "urn:diplomacy:membership",
                ["type"] = "urn:message:diplomacy:membership:partner-tie-signed:v1",
                ["subject"] = "0b6f2d52-7f6a-4c1e-9a3e-1f2a3b4c5d6e",
                ["time"] = "2026-05-01T09:30:00+00:00",
                ["datacontenttype"] = "application/json",
                ["sequence"] = "42",
                ["data"] = new JsonObject { ["city"] = "Hanoi", ["country"] = "VN" },
            },
        ],
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
