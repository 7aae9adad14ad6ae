using Diplomacy.Integrations.Webhooks;
using Diplomacy.ServiceDefaults.Domain;
using JasperFx.Metadata;

namespace Diplomacy.Integrations.Deliveries;

/// <summary>
/// One event for one subscription: its delivery log entry and its place in the queue. Pending ones are sent oldest
/// first per subscription and initiative; a failed attempt waits its backoff, and after the retry window the delivery
/// is given up and its subscription deactivated.
/// </summary>
public sealed class Delivery : IVersioned
{
    public const string Pending = "pending", Delivered = "delivered", Failed = "failed";

    /// <summary>The same for the same event and subscription, however often it is made: also the <c>webhook-id</c>.</summary>
    public static Guid IdFor(Guid subscriptionId, Guid eventId) => DeterministicGuid.Create("webhook-delivery", $"{subscriptionId:N}:{eventId:N}");

    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    /// <summary>The CloudEvent id (the integration message id).</summary>
    public Guid EventId { get; set; }
    public string EventType { get; set; } = "";
    /// <summary>The log sequence: the order of delivery.</summary>
    public long Sequence { get; set; }
    /// <summary>The initiative: deliveries of one initiative go in order.</summary>
    public Guid Subject { get; set; }
    /// <summary>When the event was committed to the log.</summary>
    public DateTimeOffset CommittedAt { get; set; }

    public string Status { get; set; } = Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>The first attempt since the delivery was made or redelivery was asked for: the retry window counts from it.</summary>
    public DateTimeOffset? FirstAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    /// <summary>The last attempt's round trip.</summary>
    public double? LastLatencyMs { get; set; }
    /// <summary>From the event's commit to its successful delivery.</summary>
    public double? CommitToDeliveryMs { get; set; }

    /// <summary>Marten's document version, for optimistic concurrency between the dispatcher and redelivery requests.</summary>
    public Guid Version { get; set; }

    /// <summary>Records one attempt: delivered, or the next try after its backoff, or given up (true) after the retry window.</summary>
    public bool Record(AttemptOutcome outcome, DateTimeOffset startedAt, DateTimeOffset now, WebhookOptions options, Random random)
    {
        Attempts++;
        FirstAttemptAt ??= startedAt;
        LastAttemptAt = startedAt;
        LastStatusCode = outcome.StatusCode;
        LastError = outcome.Error;
        LastLatencyMs = outcome.Latency.TotalMilliseconds;
        if (outcome.Delivered)
        {
            Status = Delivered;
            DeliveredAt = now;
            CommitToDeliveryMs = (now - CommittedAt).TotalMilliseconds;
            return false;
        }
        if (now - FirstAttemptAt >= options.GiveUpAfter)
        {
            Status = Failed;
            return true;
        }
        NextAttemptAt = now + options.RetryDelay(Attempts, random);
        return false;
    }

    /// <summary>Queues it again from the start of a retry window.</summary>
    public void Redeliver(DateTimeOffset now)
    {
        Status = Pending;
        NextAttemptAt = now;
        FirstAttemptAt = null;
    }
}
