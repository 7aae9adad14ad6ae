namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>
/// Marks an event of one aggregate. Each aggregate has one marker of its own (<c>IPartnerCityEvent : IEventOf&lt;PartnerCity&gt;</c>),
/// so a decision typed to return it cannot return another aggregate's event.
/// </summary>
public interface IEventOf<TAggregate> where TAggregate : class, IAggregate<TAggregate>;

/// <summary>
/// The state of one event stream, as the store, the replays and the command pipeline see it: they only need
/// to fold a stored event, whatever its type. Aggregates implement <see cref="IAggregate{TSelf,TEvent}"/>.
/// </summary>
public interface IAggregate<TSelf> where TSelf : class, IAggregate<TSelf>
{
    /// <summary>The stream id; set by the store.</summary>
    Guid Id { get; set; }

    /// <summary>The stream version this state reflects; set by the store.</summary>
    long Version { get; set; }

    /// <summary>Applies one stored event; an event of another type leaves the state unchanged.</summary>
    static abstract TSelf? FoldStored(TSelf? state, object @event);

    /// <summary>
    /// The stored name of each event type. Names are explicit so a class rename never breaks a stored stream;
    /// never change a name once events with it exist.
    /// </summary>
    static abstract IReadOnlyDictionary<Type, string> StoredEventNames { get; }
}

/// <summary>
/// An aggregate folded by its own pure <see cref="Fold"/> over its closed event type. The same fold serves the inline
/// snapshot, replays to a past moment, and pure decision tests.
/// </summary>
/// <remarks>
/// The fold is deliberately not named <c>Evolve</c>, <c>Apply</c> or <c>Create</c>: JasperFx's source generator
/// matches aggregate methods by those names and would emit a dispatcher that calls it as an instance method.
/// The store folds through <see cref="AggregateProjection{T}"/> instead, which overrides <c>Evolve</c> itself.
/// </remarks>
public interface IAggregate<TSelf, TEvent> : IAggregate<TSelf>
    where TSelf : class, IAggregate<TSelf, TEvent>
    where TEvent : class, IEventOf<TSelf>
{
    /// <summary>Applies one event. Returns the state unchanged for an event it does not know.</summary>
    static abstract TSelf? Fold(TSelf? state, TEvent @event);

    static TSelf? IAggregate<TSelf>.FoldStored(TSelf? state, object @event) =>
        @event is TEvent known ? TSelf.Fold(state, known) : state;
}

public static class Aggregate
{
    /// <summary>Folds events from nothing, as the store does. Handy in decision tests.</summary>
    public static T? Fold<T>(params IEnumerable<IEventOf<T>> events) where T : class, IAggregate<T> =>
        events.Aggregate((T?)null, (state, @event) => T.FoldStored(state, @event));

    /// <summary>Folds one stored event the way the store does, whatever its type.</summary>
    public static T? FoldStored<T>(T? state, object @event) where T : class, IAggregate<T> => T.FoldStored(state, @event);
}
