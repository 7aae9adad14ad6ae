using System.Text.Json;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>Spells a filter value exactly as the store serialised it (camelCase enums, codes as strings).</summary>
public static class JsonFilter
{
    public static string Text<T>(T value) => JsonSerializer.SerializeToElement(value, JsonDefaults.Api) is { ValueKind: JsonValueKind.String } s
        ? s.GetString()!
        : JsonSerializer.Serialize(value, JsonDefaults.Api);
}
