using System.Text.Json.Nodes;

namespace Diplomacy.Gateway.Tests.AsyncApi;

/// <summary>
/// Whether a consumer written against one JSON schema of a contract still reads messages of another of the same version:
/// every property it knew is still there with the same type, and no property it could leave out is newly required.
/// Adding optional properties is fine.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>Each incompatibility of <paramref name="current"/> with <paramref name="published"/>, as "path: what".</summary>
    public static IReadOnlyList<string> Breaks(JsonNode? published, JsonNode? current, string path = "$")
    {
        var breaks = new List<string>();
        Compare(published as JsonObject, current as JsonObject, path, breaks);
        return breaks;
    }

    private static void Compare(JsonObject? published, JsonObject? current, string path, List<string> breaks)
    {
        if (published is null) return;
        if (current is null) { breaks.Add($"{path}: has no schema any more"); return; }

        var (was, now) = (Types(published), Types(current));
        if (!was.SetEquals(now)) breaks.Add($"{path}: type changed from {string.Join("|", was)} to {string.Join("|", now)}");
        if ((string?)published["format"] != (string?)current["format"])
            breaks.Add($"{path}: format changed from {(string?)published["format"] ?? "none"} to {(string?)current["format"] ?? "none"}");

        var required = Names(published["required"]);
        foreach (var name in Names(current["required"]).Except(required))
            breaks.Add($"{path}.{name}: newly required");

        if (published["properties"] is JsonObject properties)
            foreach (var (name, schema) in properties)
            {
                if (current["properties"]?[name] is not JsonObject currentSchema) { breaks.Add($"{path}.{name}: removed or renamed"); continue; }
                Compare(schema as JsonObject, currentSchema, $"{path}.{name}", breaks);
            }
        Compare(published["items"] as JsonObject, current["items"] as JsonObject, $"{path}[]", breaks);
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue one => [(string)one!],
        JsonArray many => [.. many.Select(t => (string)t!)],
        _ => [],
    };

    private static HashSet<string> Names(JsonNode? array) =>
        array is JsonArray names ? [.. names.Select(n => (string)n!)] : [];
}
