using System.Text.Json.Serialization;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.PeaceBuilding.Programs;

/// <summary>An event of a peace-building program.</summary>
public interface IPeaceProgramEvent : IEventOf<PeaceProgram>;

/// <summary>
/// A peace-building program was conceived: what it is for (<paramref name="Area"/>, objectives, an OECD DAC purpose
/// code such as 15220 or 73010, SDG goals) and with whom (partner cities or organisations, each with its country).
/// </summary>
public sealed record ProgramConceptRegistered(
    string Title,
    ProgramArea Area,
    IReadOnlyList<ProgramPartner> Partners,
    IReadOnlyList<string> Objectives,
    string? DacPurposeCode,
    IReadOnlyList<int> SdgGoals,
    PartialDate RegisteredOn) : IPeaceProgramEvent;

/// <summary>The central government was consulted (any local project with the DPRK needs the Ministry of Unification).</summary>
public sealed record GovernmentConsulted(string Ministry, PartialDate ConsultedOn, ConsultationOutcome Outcome, string? Note) : IPeaceProgramEvent;

/// <summary>Contact with <paramref name="Partner"/> (a partner's name, as registered) was approved.</summary>
public sealed record ContactApprovalGranted(string Partner, PartialDate DecidedOn, string? Note) : IPeaceProgramEvent;

/// <summary>Contact with <paramref name="Partner"/> was refused: nothing may be delivered to that partner.</summary>
public sealed record ContactApprovalDenied(string Partner, PartialDate DecidedOn, string? Note) : IPeaceProgramEvent;

/// <summary>The program's risk was assessed, including the sanctions screening; the latest assessment is the one that counts.</summary>
public sealed record RiskAssessed(RiskLevel Level, SanctionsScreening Screening, PartialDate AssessedOn, string? Note) : IPeaceProgramEvent;

public sealed record ProgramApproved(PartialDate ApprovedOn, string? ApprovedBy) : IPeaceProgramEvent;

/// <summary>Money from <paramref name="Fund"/> was allocated to the program; allocations add up per fund and currency.</summary>
public sealed record FundsAllocated(string Fund, Money Amount, PartialDate AllocatedOn) : IPeaceProgramEvent;

/// <summary>An agreement was signed with <paramref name="Partner"/>.</summary>
public sealed record PartnerAgreementSigned(string Partner, PartialDate SignedOn, string? Title) : IPeaceProgramEvent;

/// <summary>Something was delivered (a shipment, an event, a session, a grant), spending <paramref name="Spent"/> from <paramref name="Fund"/>.</summary>
public sealed record DeliveryRecorded(
    DeliveryKind Kind, string Description, string Fund, Money Spent, PartialDate DeliveredOn, string? Partner) : IPeaceProgramEvent;

public sealed record ProgramSuspended(SuspensionReason Reason, PartialDate SuspendedOn, string? Note) : IPeaceProgramEvent;

public sealed record ProgramResumed(PartialDate ResumedOn, string? Note) : IPeaceProgramEvent;

/// <summary>A bid to host <paramref name="Bid"/> was submitted to <paramref name="SubmittedTo"/> (the IOC, a network, ...).</summary>
public sealed record BidSubmitted(string Bid, string SubmittedTo, PartialDate SubmittedOn) : IPeaceProgramEvent;

/// <summary>The bid was decided; <paramref name="Winner"/> is who was chosen instead when it was lost.</summary>
public sealed record BidOutcomeRecorded(BidOutcome Outcome, PartialDate? DecidedOn, string? Winner) : IPeaceProgramEvent;

public sealed record ProgramCompleted(PartialDate CompletedOn, string? Summary) : IPeaceProgramEvent;

public sealed record ProgramCancelled(PartialDate CancelledOn, string Reason) : IPeaceProgramEvent;

public sealed record ProgramEvaluated(PartialDate EvaluatedOn, EvaluationRating Rating, string Findings) : IPeaceProgramEvent;
