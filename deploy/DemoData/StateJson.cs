using System.Text.Json;

namespace Diplomacy.DemoData;

/// <summary>Reading the states the API answers with; the loaders use it with <c>using static</c>.</summary>
internal static class StateJson
{
    public static Guid Id(JsonElement state) => state.GetProperty("id").GetGuid();

    /// <summary>True when the state has the property with a value (the API may leave nulls out).</summary>
    public static bool Has(JsonElement state, string property) =>
        state.TryGetProperty(property, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);

    /// <summary>A string property of a state, "" when it is absent or null.</summary>
    public static string Text(JsonElement state, string property) =>
        state.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    public static IEnumerable<JsonElement> Items(JsonElement state, string property) =>
        state.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];
}

/// <summary>
/// One stream being brought up to date: its latest state and ETag, so each command names, in If-Match, the
/// version it follows (a concurrent change is a 412, not a silent interleaving).
/// </summary>
internal sealed class Cursor(string path, JsonElement state, string? etag = null)
{
    private string? _etag = etag ?? ApiClient.ETagOf(state);

    public JsonElement State { get; private set; } = state;

    public async Task PostAsync(ApiClient api, string command, object body, CancellationToken ct)
    {
        var response = await api.PostAsync($"{path}/{command}", body, _etag, ct);
        State = response.Body;
        _etag = response.ETag ?? ApiClient.ETagOf(response.Body);
    }
}
