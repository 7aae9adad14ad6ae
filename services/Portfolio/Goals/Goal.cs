using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Portfolio.Goals;

/// <summary>An event of a goal.</summary>
public interface IGoalEvent : IEventOf<Goal>;

/// <summary>A goal of the city's diplomacy strategy was set: a figure of the portfolio to reach by a deadline.</summary>
public sealed record GoalSet(string Title, Indicator Indicator, int Target, PartialDate Deadline) : IGoalEvent;

/// <summary>The goal's title, target or deadline changed; the earlier ones stay in the stream's history.</summary>
public sealed record GoalRevised(string Title, int Target, PartialDate Deadline, string? Reason) : IGoalEvent;

public sealed record GoalAchieved(PartialDate AchievedOn, string? Note) : IGoalEvent;

public sealed record GoalDropped(PartialDate DroppedOn, string Reason) : IGoalEvent;

public enum GoalStatus
{
    Open = 1,
    Achieved,
    Dropped,
}

/// <summary>The figures of the portfolio a goal can aim at.</summary>
public enum Figure
{
    /// <summary>Active sister and friendship ties.</summary>
    ActivePartnerCities = 1,
    ExchangesRequested,
    /// <summary>Exchanges with at least one activity delivered.</summary>
    ExchangesDelivered,
    /// <summary>Partner participants of delivered activities.</summary>
    ParticipantsTrained,
    /// <summary>Outcomes at "adopted" or "scaled".</summary>
    Adoptions,
    ExportLeads,
    ExportContracts,
    PeacePrograms,
    /// <summary>Role terms Seoul holds now.</summary>
    NetworkRoles,
    /// <summary>Initiatives of the filter's instrument (every instrument without one) in the filter's region.</summary>
    Initiatives,
}

/// <summary>What an initiative is, for a goal's instrument filter.</summary>
public enum Instrument
{
    Tie = 1,
    Exchange,
    PeaceProgram,
    Export,
    Network,
}

/// <summary>A figure and the filter it is counted with; a filter left out counts everything.</summary>
/// <param name="Sector">OECD DAC purpose code of the policies (exchanges, adoptions, export leads and contracts).</param>
/// <param name="Sdg">An SDG goal (1-17) the policies or programs serve.</param>
public sealed record Indicator(Figure Figure, string? Region = null, string? Sector = null, int? Sdg = null, Guid? NetworkId = null, Instrument? Instrument = null);

/// <summary>A goal of the strategy: one stream each, the only streams the portfolio writes itself.</summary>
public sealed record Goal : IAggregate<Goal, IGoalEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public GoalStatus Status { get; init; }
    public string Title { get; init; } = "";
    public Indicator Indicator { get; init; } = null!;
    public int Target { get; init; }
    public PartialDate Deadline { get; init; } = null!;
    public int Revisions { get; init; }
    public PartialDate? AchievedOn { get; init; }
    public PartialDate? DroppedOn { get; init; }
    public string? DropReason { get; init; }

    public static Goal? Fold(Goal? state, IGoalEvent @event) => (state, @event) switch
    {
        (null, GoalSet e) => new Goal { Status = GoalStatus.Open, Title = e.Title, Indicator = e.Indicator, Target = e.Target, Deadline = e.Deadline },
        (not null, GoalRevised e) => state with { Title = e.Title, Target = e.Target, Deadline = e.Deadline, Revisions = state.Revisions + 1 },
        (not null, GoalAchieved e) => state with { Status = GoalStatus.Achieved, AchievedOn = e.AchievedOn },
        (not null, GoalDropped e) => state with { Status = GoalStatus.Dropped, DroppedOn = e.DroppedOn, DropReason = e.Reason },
        _ => state,
    };

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(GoalSet)] = "goal_set",
        [typeof(GoalRevised)] = "goal_revised",
        [typeof(GoalAchieved)] = "goal_achieved",
        [typeof(GoalDropped)] = "goal_dropped",
    };
}
