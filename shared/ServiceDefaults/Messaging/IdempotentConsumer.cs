using Diplomacy.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Diplomacy.ServiceDefaults.Messaging;

/// <summary>A message a consumer has handled; stored in the same transaction as what the handling changed.</summary>
public sealed class HandledMessage
{
    public required string Id { get; init; }
    public DateTimeOffset HandledAt { get; init; }
}

/// <summary>
/// At-least-once delivery made exactly-once in effect: the consumer's changes and the record of the
/// message id commit together, and a message id already recorded is skipped. Two copies racing each
/// other collide on the insert; MassTransit's retry then finds the record and skips.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IDocumentStore store) : IConsumer<TMessage> where TMessage : class
{
    public virtual async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a MessageId cannot be de-duplicated.");
        var handledId = $"{GetType().Name}:{messageId}";

        await using var session = store.LightweightSession();
        if (await session.LoadAsync<HandledMessage>(handledId, context.CancellationToken) is not null) return;

        EventMetadata.Stamp(session, context, typeof(TMessage));

        await Handle(context.Message, session, context);
        session.Insert(new HandledMessage { Id = handledId, HandledAt = DateTimeOffset.UtcNow });
        await session.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>Makes the consumer's changes in <paramref name="session"/>; do not save it.</summary>
    protected abstract Task Handle(TMessage message, IDocumentSession session, ConsumeContext context);
}
