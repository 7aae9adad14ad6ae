using Diplomacy.ServiceDefaults.EventStore;
using JasperFx;
using Marten;
using MassTransit;

namespace Diplomacy.ServiceDefaults.Messaging;

/// <summary>A message a consumer has handled; stored in the same transaction as what the handling changed.</summary>
public sealed class HandledMessage
{
    public required string Id { get; init; }
    public DateTimeOffset HandledAt { get; init; }

    /// <summary>The record's id: the consumer's type name (<c>IntegrationEventConsumer`1</c> for a generic one) and the message id.</summary>
    public static string IdOf(Type consumer, Guid? messageId) =>
        $"{consumer.Name}:{messageId ?? throw new InvalidOperationException("A message without a MessageId cannot be de-duplicated.")}";
}

/// <summary>
/// At-least-once delivery made exactly-once in effect: the consumer's changes and the record of the message id commit
/// together. The record is inserted, not looked up first: a message handled before (a redelivery, or a copy racing this
/// one) collides on it, the whole transaction rolls back, and the message counts as handled. Duplicates are rare, so
/// this spares every message a read before its work; a handler must therefore change nothing outside its session.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IDocumentStore store) : IConsumer<TMessage> where TMessage : class
{
    public virtual async Task Consume(ConsumeContext<TMessage> context)
    {
        await using var session = store.LightweightSession();
        EventMetadata.Stamp(session, context, typeof(TMessage));

        await Handle(context.Message, session, context);
        await SaveWithRecordAsync(session, context);
    }

    /// <summary>
    /// Records the message as handled on its own, for a handler whose changes the database refused as already made (a
    /// unique stream id taken by an earlier copy): the next copy is then skipped by its id.
    /// </summary>
    protected async Task RecordHandledAsync(ConsumeContext context)
    {
        await using var session = store.LightweightSession();
        await SaveWithRecordAsync(session, context);
    }

    /// <summary>Saves the session with the message's record; a record already there means a copy under the same id was handled.</summary>
    private async Task SaveWithRecordAsync(IDocumentSession session, ConsumeContext context)
    {
        session.Insert(new HandledMessage { Id = HandledMessage.IdOf(GetType(), context.MessageId), HandledAt = DateTimeOffset.UtcNow });
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception e) when (HandledBefore(e))
        {
            // Handled before: this copy's changes were rolled back with the record.
        }
    }

    /// <summary>Makes the consumer's changes in <paramref name="session"/>; do not save it, and change nothing outside it.</summary>
    protected abstract Task Handle(TMessage message, IDocumentSession session, ConsumeContext context);

    private static bool HandledBefore(Exception e) => e switch
    {
        DocumentAlreadyExistsException { DocType: var type } => type == typeof(HandledMessage),
        AggregateException { InnerExceptions: var inner } => inner.Any(HandledBefore),
        _ => false,
    };
}

/// <summary>One consumed message's event, for a consumer that appends many messages' events in one session.</summary>
/// <param name="HandledId">The de-duplication record's id (<see cref="HandledMessage.IdOf"/>).</param>
public sealed record ConsumedEvent(string HandledId, Guid Stream, object Data, EventMetadata.Consumed Metadata);

/// <summary>The batch form of <see cref="IdempotentConsumer{TMessage}"/>: one de-duplication read for many messages.</summary>
public static class HandledMessages
{
    /// <summary>
    /// Appends each event, with its own message's metadata, unless its message was handled before or comes twice, and
    /// records the message ids, all in <paramref name="session"/>; the caller saves it.
    /// </summary>
    public static async Task AppendOnceAsync(IDocumentSession session, IReadOnlyCollection<ConsumedEvent> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.HandledId).Distinct(StringComparer.Ordinal).ToArray();
        var seen = (await session.LoadManyAsync<HandledMessage>(ct, ids)).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow;
        foreach (var consumed in events)
        {
            if (!seen.Add(consumed.HandledId)) continue;
            var @event = session.Events.BuildEvent(consumed.Data);
            consumed.Metadata.ApplyTo(@event);
            session.Events.Append(consumed.Stream, @event);
            session.Insert(new HandledMessage { Id = consumed.HandledId, HandledAt = now });
        }
    }
}
