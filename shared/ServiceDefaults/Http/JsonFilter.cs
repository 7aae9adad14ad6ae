using System.Text.Json;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>Spells a filter value exactly as the store serialised it (camelCase enums, codes as strings).</summary>
public static class JsonFilter
{
    private static readonly JsonSerializerOptions Options = JsonDefaults.Create();

    public static string Text<T>(T value) => JsonSerializer.SerializeToElement(value, Options) is { ValueKind: JsonValueKind.String } s
        ? s.GetString()!
        : JsonSerializer.Serialize(value, Options);
}
