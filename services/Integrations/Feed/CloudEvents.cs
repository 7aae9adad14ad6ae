using System.Globalization;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Diplomacy.Integrations.Feed;

/// <summary>A log entry as a CloudEvent 1.0 (JSON structured mode), the same for the feed and for webhooks.</summary>
public static class CloudEvents
{
    public const string MediaType = "application/cloudevents+json";

    /// <summary>The CloudEvents <c>sequence</c> extension: the entry's place in the log, a cursor for the feed.</summary>
    public static readonly CloudEventAttribute Sequence = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);

    private static readonly JsonEventFormatter Formatter = new();

    public static CloudEvent From(LogEntry entry) => new(CloudEventsSpecVersion.V1_0, [Sequence])
    {
        Id = entry.Event.MessageId.ToString(),
        Source = new Uri(ContractCatalog.SourceOf(entry.Event.Type)),
        Type = entry.Event.Type,
        Subject = entry.Event.Subject.ToString(),
        Time = entry.Event.OccurredAt,
        DataContentType = "application/json",
        Data = entry.Event.Data,
        [Sequence] = entry.Sequence.ToString(CultureInfo.InvariantCulture),
    };

    public static JsonElement ToJson(LogEntry entry) => Formatter.ConvertToJsonElement(From(entry));

    public static ReadOnlyMemory<byte> Encode(LogEntry entry) => Formatter.EncodeStructuredModeMessage(From(entry), out _);
}
