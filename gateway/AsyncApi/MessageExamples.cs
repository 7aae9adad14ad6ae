using System.Text.Json.Nodes;

namespace Diplomacy.Gateway.AsyncApi;

/// <summary>
/// An example of each message, made from its schema so it always fits the contract: plausible values by JSON type and
/// format, and by the platform's naming (<c>...Country</c> is ISO 3166, <c>...Currency</c> ISO 4217, <c>...On</c> a partial date).
/// </summary>
public static class MessageExamples
{
    private static readonly Guid ExampleId = Guid.Parse("0193a5f0-7c3e-7b4a-9d2e-5f1a2b3c4d5e");

    public static JsonNode? For(JsonNode? schema, string name = "")
    {
        if (schema is not JsonObject node) return null;
        if (node["enum"] is JsonArray { Count: > 0 } values) return values[0]?.DeepClone();
        var type = TypeOf(node);
        return type switch
        {
            "object" => Object(node),
            "array" => new JsonArray(For(node["items"], name)),
            "string" => String(node, name),
            "integer" => JsonValue.Create(name.EndsWith("year", StringComparison.OrdinalIgnoreCase) ? 2024 : 12),
            "number" => JsonValue.Create(15000m),
            "boolean" => JsonValue.Create(true),
            _ => null,
        };
    }

    private static JsonObject Object(JsonObject schema)
    {
        var example = new JsonObject();
        if (schema["properties"] is JsonObject properties)
            foreach (var (property, propertySchema) in properties)
                example[property] = For(propertySchema, property);
        return example;
    }

    private static JsonValue String(JsonObject schema, string name)
    {
        var format = (string?)schema["format"];
        if (format == "uuid") return JsonValue.Create(ExampleId.ToString());
        if (format == "date-time") return JsonValue.Create("2026-05-12T09:30:00+00:00");
        if (name.EndsWith("country", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create("VN");
        if (name.EndsWith("currency", StringComparison.OrdinalIgnoreCase)) return JsonValue.Create("USD");
        if (name.EndsWith("On", StringComparison.Ordinal)) return JsonValue.Create("2026-05");
        return JsonValue.Create(name switch
        {
            "city" or "clientCity" or "partnerCity" => "Hanoi",
            "name" => "Hanoi",
            _ => $"{name} text",
        });
    }

    /// <summary>The JSON type, from <c>"type": "x"</c> or the first non-null of <c>"type": ["x", "null"]</c>.</summary>
    private static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue value => (string?)value,
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        _ => null,
    };
}
