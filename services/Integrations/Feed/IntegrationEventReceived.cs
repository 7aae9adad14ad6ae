using System.Text.Json;

namespace Diplomacy.Integrations.Feed;

/// <summary>
/// An integration event this service received from the broker, kept in its log in the order received. The log's
/// sequence is the change feed's cursor; <paramref name="MessageId"/> (the publisher's event id) is the CloudEvent id.
/// </summary>
/// <param name="Type">The contract's message URN.</param>
/// <param name="Subject">The initiative (the publisher's stream) the event is about.</param>
/// <param name="OccurredAt">When the publisher sent it.</param>
/// <param name="Data">The message as published, camelCase JSON.</param>
public sealed record IntegrationEventReceived(Guid MessageId, string Type, Guid Subject, long? SubjectVersion, DateTimeOffset OccurredAt, JsonElement Data)
{
    public const string StoredName = "integration_event_received";
}
