using Diplomacy.Integrations.Feed;
using Diplomacy.Integrations.Webhooks;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Diplomacy.Integrations.Deliveries;

/// <summary>
/// Turns each logged integration event into one pending delivery per active subscription that wants its type and
/// existed when it was committed. Run by the async daemon (HotCold: one replica at a time), in sequence order: the
/// deliveries and the checkpoint commit together, and the same transaction notifies the waiting feed readers and the
/// dispatcher. The checkpoint is also how far the feed reads (<see cref="EventLog.SettledAsync"/>).
/// </summary>
public sealed class DeliveryFanOut : SubscriptionBase
{
    public const string SubscriptionName = "webhook-fanout";
    public const string ShardPrefix = SubscriptionName + ":";

    public DeliveryFanOut() => Name = SubscriptionName;

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        IReadOnlyList<WebhookSubscription>? active = null;
        foreach (var @event in page.Events)
        {
            if (@event.Data is not IntegrationEventReceived received) continue;
            // Few subscriptions, read once a page; filtered here rather than on the enum's stored spelling.
            active ??= [.. (await operations.Query<WebhookSubscription>().ToListAsync(cancellationToken)).Where(s => s.Status == WebhookStatus.Active)];
            foreach (var subscription in active)
            {
                if (!subscription.EventTypes.Contains(received.Type) || subscription.RegisteredAt > @event.Timestamp) continue;
                operations.Store(new Delivery
                {
                    Id = Delivery.IdFor(subscription.Id, received.MessageId),
                    SubscriptionId = subscription.Id,
                    EventId = received.MessageId,
                    EventType = received.Type,
                    Sequence = @event.Sequence,
                    Subject = received.Subject,
                    CommittedAt = @event.Timestamp,
                    NextAttemptAt = @event.Timestamp,
                });
            }
        }
        operations.QueueSqlCommand(LogSignal.NotifySql);
        return NullChangeListener.Instance;
    }
}
