using System.Text.Json;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Diplomacy.Integrations.Feed;

/// <summary>
/// Appends each integration event of type <typeparamref name="T"/> to the log, once per message id (the base records
/// the id in the same transaction). The stream is the initiative the event is about, so its versions order that
/// initiative's events as they arrived.
/// </summary>
public sealed class IntegrationEventConsumer<T>(IDocumentStore store) : IdempotentConsumer<T>(store) where T : class
{
    public const string StreamIdHeader = "diplomacy-stream-id";
    public const string StreamVersionHeader = "diplomacy-stream-version";

    protected override Task Handle(T message, IDocumentSession session, ConsumeContext context)
    {
        var messageId = context.MessageId!.Value;
        var subject = ConsumerRegistration.InitiativeOf(context);
        var version = context.Headers.TryGetHeader(StreamVersionHeader, out var streamVersion)
            && long.TryParse(streamVersion?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (long?)null;
        var received = new IntegrationEventReceived(
            messageId,
            ContractCatalog.Default.UrnOf(typeof(T)),
            subject,
            version,
            context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : DateTimeOffset.UtcNow,
            JsonSerializer.SerializeToElement(message, JsonDefaults.Api));
        session.Events.Append(subject, received);
        return Task.CompletedTask;
    }
}
