using JasperFx.Events;
using Marten;

namespace Diplomacy.ServiceDefaults.Messaging;

/// <summary>
/// The one place a service decides which of its domain events other services may know about
/// (its <c>Integration/Outgoing.cs</c>). Returns null for events that stay inside the service.
/// The session reads the store as committed, for facts that earlier events of the stream hold.
/// </summary>
public interface IIntegrationEventMapper
{
    ValueTask<object?> MapAsync(IEvent @event, IQuerySession session, CancellationToken ct);

    /// <summary>
    /// The state of the event's stream after it, as the "...Changed" integration event that carries it (for consumers
    /// that keep their own view, such as the portfolio), or null for none. By default, none. The relay publishes it after
    /// the one of <see cref="MapAsync"/>; the first message of an event has the event id as message id, the second one of
    /// its own (<see cref="OutboxRelay.MessageIdOf"/>).
    /// </summary>
    ValueTask<object?> ChangedAsync(IEvent @event, IQuerySession session, CancellationToken ct) => ValueTask.FromResult<object?>(null);

    /// <summary>
    /// The version of this mapping. A release that adds integration events raises it; the relay's subscription is named
    /// after it, so the new release publishes the whole event log once (consumers de-duplicate on the message id) and
    /// a consumer that starts with that release ends with the whole history.
    /// </summary>
    int Version => 1;
}
