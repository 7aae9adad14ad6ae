namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>
/// The state of one event stream, rebuilt by folding its events with <see cref="Evolve"/>.
/// The same fold serves the inline snapshot, replays to a past moment, and pure decision tests.
/// </summary>
public interface IAggregate<TSelf> where TSelf : class, IAggregate<TSelf>
{
    /// <summary>The stream id; set by the store.</summary>
    Guid Id { get; set; }

    /// <summary>The stream version this state reflects; set by the store.</summary>
    long Version { get; set; }

    /// <summary>Applies one event. Returns the state unchanged for an event it does not know.</summary>
    static abstract TSelf? Evolve(TSelf? state, object @event);

    /// <summary>
    /// The stored name of each event type. Names are explicit so a class rename never breaks a stored stream;
    /// never change a name once events with it exist.
    /// </summary>
    static abstract IReadOnlyDictionary<Type, string> StoredEventNames { get; }
}

public static class Aggregate
{
    /// <summary>Folds events from nothing, as the store does. Handy in decision tests.</summary>
    public static T? Fold<T>(params IEnumerable<object> events) where T : class, IAggregate<T> =>
        events.Aggregate((T?)null, T.Evolve);
}
