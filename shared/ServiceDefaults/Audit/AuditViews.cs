using System.Text.Json;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.ServiceDefaults.Audit;

/// <summary>Who and why of one event, read from its stored metadata.</summary>
public sealed record EventProvenance(string? User, string? Department, string? Client, string? Command, string? CorrelationId, string? CausationId)
{
    public static EventProvenance From(ChainedEvent e)
    {
        if (e.Headers is null) return new(e.UserName, null, null, null, e.CorrelationId, e.CausationId);
        // Parsed once for the three headers: a history page does this for every event.
        using var headers = JsonDocument.Parse(e.Headers);
        var root = headers.RootElement;
        return new(e.UserName, Header(root, EventMetadata.DepartmentHeader), Header(root, EventMetadata.ClientHeader),
            Header(root, EventMetadata.CommandHeader), e.CorrelationId, e.CausationId);
    }

    private static string? Header(JsonElement headers, string name) =>
        headers.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>An event in a stream's history.</summary>
public sealed record HistoryEntry(long Sequence, long Version, string Type, string Timestamp, JsonElement Data, EventProvenance Metadata, string? Hash)
{
    public static HistoryEntry From(ChainedEvent e, string? hash) =>
        new(e.Sequence, e.Version, e.Type, e.Timestamp, JsonSerializer.Deserialize<JsonElement>(e.Data), EventProvenance.From(e), hash);
}

/// <summary>
/// One line of the export. The fields an auditor hashes are given as the exact text that was hashed
/// (<c>dataText</c>, <c>headersText</c>), next to the parsed data for reading.
/// </summary>
public sealed record ExportLine(
    long Sequence, Guid StreamId, long Version, string Type, string Timestamp,
    JsonElement Data, string DataText, string? CorrelationId, string? CausationId, string? UserName, string? HeadersText,
    string? PreviousHash, string? Hash)
{
    public static ExportLine From(ChainedEvent e, ChainLink? link) => new(
        e.Sequence, e.StreamId, e.Version, e.Type, e.Timestamp, JsonSerializer.Deserialize<JsonElement>(e.Data), e.Data,
        e.CorrelationId, e.CausationId, e.UserName, e.Headers, link?.PreviousHash, link?.Hash);
}
