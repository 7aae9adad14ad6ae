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
}
