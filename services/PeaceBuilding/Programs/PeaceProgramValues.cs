using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.PeaceBuilding.Programs;

// The kinds and value records a peace program's state, commands and events are made of; the state itself is in PeaceProgram.cs.

public enum ProgramArea
{
    SocioCultural = 1,
    Infrastructure,
    Economic,
    Humanitarian,
    Advocacy,
    Sports,
}

public enum PartnerKind
{
    City = 1,
    Organisation,
}

public enum ConsultationOutcome
{
    Favourable = 1,
    Conditional,
    Unfavourable,
}

public enum ContactDecision
{
    Granted = 1,
    Denied,
}

public enum RiskLevel
{
    Low = 1,
    Moderate,
    High,
    Critical,
}

public enum SanctionsScreening
{
    /// <summary>The screening is not finished: the assessment is not complete.</summary>
    Pending = 1,
    Cleared,
    /// <summary>Listed goods or parties are involved, and a sanctions exemption was granted for them.</summary>
    Exempted,
    /// <summary>Listed goods or parties are involved and no exemption covers them.</summary>
    Hit,
}

public enum DeliveryKind
{
    AidShipment = 1,
    Event,
    EducationSession,
    Grant,
}

public enum SuspensionReason
{
    Sanctions = 1,
    Political,
    Security,
    Pandemic,
}

public enum BidOutcome
{
    Won = 1,
    Lost,
    Withdrawn,
}

public enum EvaluationRating
{
    HighlySuccessful = 1,
    Successful,
    PartlySuccessful,
    Unsuccessful,
}

/// <summary>A partner city or organisation, as the concept names it.</summary>
public sealed record ProgramPartner(string Name, CountryCode Country, PartnerKind Kind);

/// <summary>A partner and where the program stands with it: its contact approval and its agreement.</summary>
public sealed record PartnerStanding
{
    public string Name { get; init; } = "";
    public CountryCode Country { get; init; }
    public PartnerKind Kind { get; init; }
    /// <summary>The latest contact decision, null while none was made.</summary>
    public ContactDecision? Contact { get; init; }
    public PartialDate? ContactDecidedOn { get; init; }
    public PartialDate? AgreementSignedOn { get; init; }
    public string? AgreementTitle { get; init; }
}

public sealed record Consultation(string Ministry, PartialDate ConsultedOn, ConsultationOutcome Outcome, string? Note);

public sealed record RiskAssessment(RiskLevel Level, SanctionsScreening Screening, PartialDate AssessedOn, string? Note);

/// <summary>What one fund allocated to the program in one currency, and what deliveries spent of it.</summary>
public sealed record FundBalance(string Fund, CurrencyCode Currency, decimal Allocated, decimal Spent);

public sealed record Delivery(DeliveryKind Kind, string Description, string Fund, Money Spent, PartialDate DeliveredOn, string? Partner);

/// <summary>One period of suspension; <see cref="ResumedOn"/> is null while it lasts.</summary>
public sealed record Suspension(SuspensionReason Reason, PartialDate SuspendedOn, string? Note, PartialDate? ResumedOn);

public sealed record Bid(string Name, string SubmittedTo, PartialDate SubmittedOn, BidOutcome? Outcome, PartialDate? DecidedOn, string? Winner);

public sealed record Evaluation(PartialDate EvaluatedOn, EvaluationRating Rating, string Findings);
