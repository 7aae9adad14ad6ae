using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Exchanges.Exchanges;

/// <summary>How the request reached Seoul.</summary>
public enum Channel
{
    Bilateral = 1,
    /// <summary>Through a city network Seoul belongs to (which one is the request's network).</summary>
    CityNetwork,
    Embassy,
    /// <summary>Seoul offered it (e.g. the Seoul ODA Challenge).</summary>
    SeoulOffer,
}

public enum Modality
{
    StudyVisit = 1,
    TrainingCourse,
    StaffSecondment,
    Consulting,
    MouBasedCooperation,
}

public enum ActivityKind
{
    Visit = 1,
    CourseSession,
    SecondmentStart,
    SecondmentEnd,
}

public enum AdoptionLevel
{
    None = 1,
    Piloting,
    Adopted,
    Scaled,
}

/// <summary>
/// Where the exchange stands. The lifecycle phases are in order (an exchange only moves forward through them);
/// cancelled and suspended stand apart.
/// </summary>
public enum ExchangeStatus
{
    Requested = 1,
    Scoped,
    Funded,
    Scheduled,
    Delivering,
    OutcomeReported,
    Evaluated,
    Closed,
    Cancelled,
    Suspended,
}

public sealed record Funding(string Source, Money Amount, PartialDate ApprovedOn);

public sealed record Activity(ActivityKind Kind, PartialDate DeliveredOn, int Participants, string? Note);

public sealed record ActionPlan(PartialDate SubmittedOn, string Summary);

public sealed record Outcome(Guid PolicyId, AdoptionLevel AdoptionLevel, bool IntendsToProcure, PartialDate ReportedOn, string? Evidence);

public sealed record Evaluation(int Score, PartialDate EvaluatedOn, string? Notes);

/// <summary>One policy-sharing exchange with one partner city: one stream each.</summary>
public sealed record Exchange : IAggregate<Exchange, IExchangeEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public ExchangeStatus Status { get; init; }
    public string PartnerCity { get; init; } = "";
    public CountryCode PartnerCountry { get; init; }
    public Channel Channel { get; init; }
    public Guid? NetworkId { get; init; }
    public string? NetworkAcronym { get; init; }
    public IReadOnlyList<Guid> PolicyIds { get; init; } = [];
    public PartialDate RequestedOn { get; init; } = null!;
    public Modality? Modality { get; init; }
    /// <summary>How many partner participants the scope plans for.</summary>
    public int? PlannedParticipants { get; init; }
    public PartialDate? PlannedStart { get; init; }
    public PartialDate? PlannedEnd { get; init; }
    public Funding? Funding { get; init; }
    public PartialDate? StartsOn { get; init; }
    public PartialDate? EndsOn { get; init; }
    public IReadOnlyList<Activity> Activities { get; init; } = [];
    public ActionPlan? ActionPlan { get; init; }
    /// <summary>Every outcome reported, oldest first; the latest for a policy is how far it was adopted.</summary>
    public IReadOnlyList<Outcome> Outcomes { get; init; } = [];
    public Evaluation? Evaluation { get; init; }
    public PartialDate? ClosedOn { get; init; }
    public PartialDate? CancelledOn { get; init; }
    public string? CancellationReason { get; init; }
    /// <summary>Set while suspended; cleared on resumption.</summary>
    public PartialDate? SuspendedOn { get; init; }
    public string? SuspensionReason { get; init; }
    /// <summary>The status the exchange returns to when it resumes; set while suspended.</summary>
    public ExchangeStatus? StatusBeforeSuspension { get; init; }
    public PartialDate? ResumedOn { get; init; }

    /// <summary>The latest outcome reported for <paramref name="policyId"/>, or null.</summary>
    public Outcome? LatestOutcomeFor(Guid policyId) => Outcomes.LastOrDefault(o => o.PolicyId == policyId);

    public static Exchange? Fold(Exchange? state, IExchangeEvent @event) => (state, @event) switch
    {
        (null, ExchangeRequested e) => new Exchange
        {
            Status = ExchangeStatus.Requested,
            PartnerCity = e.PartnerCity,
            PartnerCountry = e.PartnerCountry,
            Channel = e.Channel,
            NetworkId = e.NetworkId,
            NetworkAcronym = e.NetworkAcronym,
            PolicyIds = e.PolicyIds,
            RequestedOn = e.RequestedOn,
        },
        (not null, ExchangeScoped e) => state with
        {
            Status = Advance(state.Status, ExchangeStatus.Scoped),
            Modality = e.Modality,
            PlannedParticipants = e.Participants,
            PlannedStart = e.PlannedStart,
            PlannedEnd = e.PlannedEnd,
        },
        (not null, FundingApproved e) => state with
        {
            Status = Advance(state.Status, ExchangeStatus.Funded),
            Funding = new Funding(e.Source, e.Amount, e.ApprovedOn),
        },
        (not null, ExchangeScheduled e) => state with
        {
            Status = Advance(state.Status, ExchangeStatus.Scheduled),
            StartsOn = e.StartsOn,
            EndsOn = e.EndsOn,
        },
        (not null, ActivityDelivered e) => state with
        {
            Status = Advance(state.Status, ExchangeStatus.Delivering),
            Activities = [.. state.Activities, new Activity(e.Kind, e.DeliveredOn, e.Participants, e.Note)],
        },
        (not null, ActionPlanSubmitted e) => state with { ActionPlan = new ActionPlan(e.SubmittedOn, e.Summary) },
        (not null, OutcomeReported e) => state with
        {
            Status = Advance(state.Status, ExchangeStatus.OutcomeReported),
            Outcomes = [.. state.Outcomes, new Outcome(e.PolicyId, e.AdoptionLevel, e.IntendsToProcure, e.ReportedOn, e.Evidence)],
        },
        (not null, ExchangeEvaluated e) => state with
        {
            Status = Advance(state.Status, ExchangeStatus.Evaluated),
            Evaluation = new Evaluation(e.Score, e.EvaluatedOn, e.Notes),
        },
        (not null, ExchangeClosed e) => state with { Status = ExchangeStatus.Closed, ClosedOn = e.ClosedOn },
        (not null, ExchangeCancelled e) => state with
        {
            Status = ExchangeStatus.Cancelled,
            CancelledOn = e.CancelledOn,
            CancellationReason = e.Reason,
            SuspendedOn = null,
            SuspensionReason = null,
            StatusBeforeSuspension = null,
        },
        (not null, ExchangeSuspended e) => state with
        {
            Status = ExchangeStatus.Suspended,
            StatusBeforeSuspension = state.Status,
            SuspendedOn = e.SuspendedOn,
            SuspensionReason = e.Reason,
        },
        (not null, ExchangeResumed e) => state with
        {
            Status = state.StatusBeforeSuspension ?? ExchangeStatus.Requested,
            StatusBeforeSuspension = null,
            SuspendedOn = null,
            SuspensionReason = null,
            ResumedOn = e.ResumedOn,
        },
        _ => state,
    };

    /// <summary>Lifecycle phases only move forward: scheduling again after a delivery leaves the exchange delivering.</summary>
    private static ExchangeStatus Advance(ExchangeStatus current, ExchangeStatus reached) => reached > current ? reached : current;

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(ExchangeRequested)] = "exchange_requested",
        [typeof(ExchangeScoped)] = "exchange_scoped",
        [typeof(FundingApproved)] = "funding_approved",
        [typeof(ExchangeScheduled)] = "exchange_scheduled",
        [typeof(ActivityDelivered)] = "activity_delivered",
        [typeof(ActionPlanSubmitted)] = "action_plan_submitted",
        [typeof(OutcomeReported)] = "outcome_reported",
        [typeof(ExchangeEvaluated)] = "exchange_evaluated",
        [typeof(ExchangeClosed)] = "exchange_closed",
        [typeof(ExchangeCancelled)] = "exchange_cancelled",
        [typeof(ExchangeSuspended)] = "exchange_suspended",
        [typeof(ExchangeResumed)] = "exchange_resumed",
    };
}
