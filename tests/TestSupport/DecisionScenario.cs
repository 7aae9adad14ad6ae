using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using Xunit;

namespace Diplomacy.TestSupport;

/// <summary>
/// Decision tests as given/when/then: <c>Given(history...).When(state =&gt; Decide(state, command)).Then(events...)</c>
/// or <c>.ThenRejected("part of the reason")</c>. The history is folded exactly as the store folds it.
/// </summary>
public static class DecisionScenario
{
    public static GivenHistory<T> Given<T>(params IEventOf<T>[] history) where T : class, IAggregate<T> => new(history);
}

public sealed class GivenHistory<T>(IReadOnlyList<IEventOf<T>> history) where T : class, IAggregate<T>
{
    /// <summary>The state the history folds to.</summary>
    public T State => Aggregate.Fold<T>(history) ?? throw new InvalidOperationException($"The history leaves no {typeof(T).Name}.");

    public WhenDecided<T> When(Func<T, IEnumerable<IEventOf<T>>> decide) => new(State, decide);
}

public sealed class WhenDecided<T>(T state, Func<T, IEnumerable<IEventOf<T>>> decide) where T : class, IAggregate<T>
{
    /// <summary>The decision yields exactly these events, in order; returns the state they lead to.</summary>
    public T Then(params IEventOf<T>[] expected)
    {
        var events = decide(state).ToArray();
        Assert.Equal(expected, events);
        return events.Aggregate(state, (current, @event) => Aggregate.FoldStored(current, @event)!);
    }

    /// <summary>
    /// The decision yields exactly one event, of type <typeparamref name="TEvent"/>; returns it with the state it leads to.
    /// For events compared field by field: a record holding a list compares that list by reference.
    /// </summary>
    public (TEvent Event, T State) ThenSingle<TEvent>() where TEvent : IEventOf<T>
    {
        var @event = Assert.IsType<TEvent>(Assert.Single(decide(state)));
        return (@event, Aggregate.FoldStored(state, @event)!);
    }

    /// <summary>The decision is refused, with a reason containing <paramref name="reason"/> (any case).</summary>
    public RuleViolation ThenRejected(string reason = "")
    {
        var violation = Assert.Throws<RuleViolation>(() => decide(state).ToArray());
        Assert.Contains(reason, violation.Message, StringComparison.OrdinalIgnoreCase);
        return violation;
    }
}
