using System.Text.Json;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;
using MassTransit;

namespace Diplomacy.Integrations.Feed;

/// <summary>
/// Logs each integration event of type <typeparamref name="T"/> once per message id. The stream is the initiative the
/// event is about, so its versions order that initiative's events as they arrived. The entry is written by
/// <see cref="LogWriter"/>, in delivery order and in batches; the message is acknowledged once it is committed.
/// </summary>
public sealed class IntegrationEventConsumer<T>(LogWriter writer) : IConsumer<T> where T : class
{
    public const string StreamIdHeader = "diplomacy-stream-id";
    public const string StreamVersionHeader = "diplomacy-stream-version";

    public async Task Consume(ConsumeContext<T> context)
    {
        var ordered = context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var delivery);
        var (consumerTag, deliveryTag) = ordered ? (delivery!.ConsumerTag, delivery.DeliveryTag) : ((string?)null, (ulong?)null);
        LogWriter.Entry entry;
        try
        {
            var handledId = HandledMessage.IdOf(GetType(), context.MessageId);
            var subject = ConsumerRegistration.InitiativeOf(context);
            var version = context.Headers.TryGetHeader(StreamVersionHeader, out var streamVersion)
                && long.TryParse(streamVersion?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (long?)null;
            var received = new IntegrationEventReceived(
                context.MessageId!.Value,
                ContractCatalog.Default.UrnOf(typeof(T)),
                subject,
                version,
                context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : DateTimeOffset.UtcNow,
                JsonSerializer.SerializeToElement(context.Message, JsonDefaults.Api));
            entry = new(consumerTag, deliveryTag, new(handledId, subject, received, EventMetadata.Consumed.Of(context, typeof(T), System.Diagnostics.Activity.Current)));
        }
        catch
        {
            // Its place in the order is given up, so the messages after it are not held waiting for it.
            _ = writer.WriteAsync(new(consumerTag, deliveryTag, null));
            throw;
        }
        await writer.WriteAsync(entry).WaitAsync(context.CancellationToken);
    }
}
