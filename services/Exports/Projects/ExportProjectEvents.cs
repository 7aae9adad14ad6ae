using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Exports.Projects;

/// <summary>An event of an urban-solution export project.</summary>
public interface IExportProjectEvent : IEventOf<ExportProject>;

/// <summary>
/// A lead for exporting a Seoul urban solution to a client city was identified. <paramref name="ExchangeId"/> and
/// <paramref name="PolicyId"/> are set when it came from a policy-sharing outcome; <paramref name="IdentifiedOn"/>
/// is null when the date is not known (historic cases); <paramref name="EstimatedValue"/> is the value expected
/// before any proposal.
/// </summary>
public sealed record LeadIdentified(
    string Solution,
    string ClientCity,
    CountryCode ClientCountry,
    LeadOrigin Origin,
    PartialDate? IdentifiedOn,
    Guid? ExchangeId = null,
    Guid? PolicyId = null,
    Money? EstimatedValue = null,
    string? Note = null) : IExportProjectEvent;

public sealed record LeadQualified(PartialDate QualifiedOn, string? Note) : IExportProjectEvent;

public sealed record FeasibilityStudyCommissioned(StudyKind Kind, PartialDate CommissionedOn, string? Note) : IExportProjectEvent;

public sealed record FeasibilityStudyCompleted(StudyKind Kind, FeasibilityResult Result, PartialDate CompletedOn, string? Summary) : IExportProjectEvent;

/// <summary>
/// A source of financing was added: <paramref name="Committed"/> false while it is only indicative (an "up to"
/// ceiling, a loan under appraisal), true once the funder has committed it.
/// </summary>
public sealed record FinancingSourceAdded(
    FinancingSource Source, FinancingInstrument Instrument, Money Amount, bool Committed, PartialDate? ArrangedOn, string? Note) : IExportProjectEvent;

public sealed record ProposalSubmitted(Money Value, PartialDate SubmittedOn, string? Note) : IExportProjectEvent;

public sealed record PreferredBidderSelected(PartialDate SelectedOn, string? Note) : IExportProjectEvent;

/// <summary>The contract was signed: its value in one currency, its term and the Korean firms of the consortium.</summary>
public sealed record ContractSigned(
    Money Value, PartialDate SignedOn, PartialDate? TermEndsOn, IReadOnlyList<ConsortiumMember> Consortium) : IExportProjectEvent;

/// <summary>A milestone was reached; the first one starts implementation.</summary>
public sealed record MilestoneReached(string Name, int PercentComplete, PartialDate ReachedOn) : IExportProjectEvent;

public sealed record PaymentReceived(Money Amount, PartialDate ReceivedOn, string? Note) : IExportProjectEvent;

public sealed record SystemHandedOver(PartialDate HandedOverOn) : IExportProjectEvent;

public sealed record OperationsStarted(PartialDate StartedOn) : IExportProjectEvent;

/// <summary>The defects-liability period ended: the project is closed.</summary>
public sealed record DefectsPeriodEnded(PartialDate EndedOn) : IExportProjectEvent;

public sealed record PostEvaluationRecorded(EvaluationRating Rating, PartialDate EvaluatedOn, string? Summary) : IExportProjectEvent;

public sealed record FollowOnProjectLinked(Guid FollowOnProjectId, string? Note) : IExportProjectEvent;

public sealed record ExportLost(PartialDate LostOn, string Reason, string? Winner) : IExportProjectEvent;

public sealed record ExportCancelled(PartialDate CancelledOn, string Reason) : IExportProjectEvent;

public sealed record ExportSuspended(PartialDate SuspendedOn, string Reason) : IExportProjectEvent;

public sealed record ExportResumed(PartialDate ResumedOn) : IExportProjectEvent;
