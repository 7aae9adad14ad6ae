using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>
/// Keeps the aggregate's snapshot document by folding with its own pure <c>Fold</c>: one fold for the
/// store, for replays and for tests, and no convention methods for a code generator to find.
/// </summary>
public sealed class AggregateProjection<T> : SingleStreamProjection<T, Guid> where T : class, IAggregate<T>
{
    public AggregateProjection()
    {
        foreach (var eventType in T.StoredEventNames.Keys) IncludeType(eventType);
    }

    public override T? Evolve(T? snapshot, Guid id, IEvent e)
    {
        var next = T.FoldStored(snapshot, e.Data);
        if (next is null) return null;
        next.Id = id;
        next.Version = e.Version;
        return next;
    }
}
