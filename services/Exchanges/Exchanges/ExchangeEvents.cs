using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Exchanges.Exchanges;

/// <summary>An event of a policy-sharing exchange.</summary>
public interface IExchangeEvent : IEventOf<Exchange>;

/// <summary>
/// A partner city asked for (or was offered) some of Seoul's policies. Through a city network, the network and
/// its acronym as Seoul's membership read model knew them at the time.
/// </summary>
public sealed record ExchangeRequested(
    string PartnerCity,
    CountryCode PartnerCountry,
    Channel Channel,
    Guid? NetworkId,
    string? NetworkAcronym,
    IReadOnlyList<Guid> PolicyIds,
    PartialDate RequestedOn) : IExchangeEvent;

/// <summary>What the exchange will be: its modality, how many partner participants, and when it is planned.</summary>
public sealed record ExchangeScoped(Modality Modality, int Participants, PartialDate PlannedStart, PartialDate? PlannedEnd) : IExchangeEvent;

/// <summary>Funding was approved from <paramref name="Source"/> (such as the External Cooperation Fund).</summary>
public sealed record FundingApproved(string Source, Money Amount, PartialDate ApprovedOn) : IExchangeEvent;

public sealed record ExchangeScheduled(PartialDate StartsOn, PartialDate? EndsOn) : IExchangeEvent;

/// <summary>One activity took place: a visit, a course session, or the start or end of a secondment.</summary>
public sealed record ActivityDelivered(ActivityKind Kind, PartialDate DeliveredOn, int Participants, string? Note) : IExchangeEvent;

/// <summary>The partner city submitted its action plan for taking the policy up.</summary>
public sealed record ActionPlanSubmitted(PartialDate SubmittedOn, string Summary) : IExchangeEvent;

/// <summary>The partner reported how far it adopted one of the policies, and whether it intends to procure the solution.</summary>
public sealed record OutcomeReported(
    Guid PolicyId,
    AdoptionLevel AdoptionLevel,
    bool IntendsToProcure,
    PartialDate ReportedOn,
    string? Evidence) : IExchangeEvent;

/// <summary>Seoul evaluated the exchange, from 1 (poor) to 5 (excellent).</summary>
public sealed record ExchangeEvaluated(int Score, PartialDate EvaluatedOn, string? Notes) : IExchangeEvent;

public sealed record ExchangeClosed(PartialDate ClosedOn) : IExchangeEvent;

public sealed record ExchangeCancelled(PartialDate CancelledOn, string Reason) : IExchangeEvent;

public sealed record ExchangeSuspended(PartialDate SuspendedOn, string Reason) : IExchangeEvent;

public sealed record ExchangeResumed(PartialDate ResumedOn) : IExchangeEvent;
