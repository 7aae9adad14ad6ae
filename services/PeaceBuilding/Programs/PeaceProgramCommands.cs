using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.PeaceBuilding.Programs;

/// <summary>
/// Registers a program's concept. <paramref name="DacPurposeCode"/> is an OECD DAC CRS purpose code (5 digits, such as
/// "15220" civilian peace-building or "73010" reconstruction); <paramref name="SdgGoals"/> are goal numbers 1 to 17.
/// </summary>
public sealed record RegisterProgramConcept(
    string Title,
    ProgramArea Area,
    IReadOnlyList<ProgramPartner> Partners,
    IReadOnlyList<string> Objectives,
    PartialDate RegisteredOn,
    string? DacPurposeCode = null,
    IReadOnlyList<int>? SdgGoals = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.NotBlank(Title, "title")) yield return error;
        foreach (var error in Check.Defined(Area, "area")) yield return error;
        foreach (var error in Check.NotEmpty(Partners, "partners")) yield return error;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < (Partners?.Count ?? 0); i++)
        {
            var partner = Partners![i];
            if (partner is null)
            {
                yield return new($"partners[{i}]", "Is required.");
                continue;
            }
            foreach (var error in Check.NotBlank(partner.Name, $"partners[{i}].name")) yield return error;
            if (!string.IsNullOrWhiteSpace(partner.Name) && !names.Add(partner.Name.Trim()))
                yield return new($"partners[{i}].name", "Names a partner already listed.");
            if (partner.Country.Value is null) yield return new($"partners[{i}].country", "Is required.");
            foreach (var error in Check.Defined(partner.Kind, $"partners[{i}].kind")) yield return error;
        }
        foreach (var error in Check.NotEmpty(Objectives, "objectives")) yield return error;
        for (var i = 0; i < (Objectives?.Count ?? 0); i++)
            foreach (var error in Check.NotBlank(Objectives![i], $"objectives[{i}]", 500)) yield return error;
        if (DacPurposeCode is not null && (DacPurposeCode.Length != 5 || !DacPurposeCode.All(char.IsAsciiDigit)))
            yield return new("dacPurposeCode", "Must be an OECD DAC CRS purpose code of 5 digits, such as \"15220\".");
        for (var i = 0; i < (SdgGoals?.Count ?? 0); i++)
            foreach (var error in Check.InRange(SdgGoals![i], 1, 17, $"sdgGoals[{i}]")) yield return error;
    }
}

/// <summary>Records a consultation with a ministry (the Ministry of Unification for any project with the DPRK).</summary>
public sealed record RecordConsultation(string Ministry, PartialDate ConsultedOn, ConsultationOutcome Outcome, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.NotBlank(Ministry, "ministry"), .. Check.Defined(Outcome, "outcome"), .. Check.MaxLength(Note, "note", 1000)];
}

/// <summary>Records the decision on contact with <paramref name="Partner"/> (a partner's name, as registered).</summary>
public sealed record DecideContactApproval(string Partner, ContactDecision Decision, PartialDate DecidedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.NotBlank(Partner, "partner"), .. Check.Defined(Decision, "decision"), .. Check.MaxLength(Note, "note", 1000)];
}

public sealed record AssessRisk(RiskLevel Level, SanctionsScreening Screening, PartialDate AssessedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.Defined(Level, "level"), .. Check.Defined(Screening, "screening"), .. Check.MaxLength(Note, "note", 1000)];
}

public sealed record ApproveProgram(PartialDate ApprovedOn, string? ApprovedBy = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.MaxLength(ApprovedBy, "approvedBy", 200);
}

/// <summary>Allocates <paramref name="Amount"/> from <paramref name="Fund"/> (the Inter-Korean Exchange and Cooperation Fund, ...).</summary>
public sealed record AllocateFunds(string Fund, Money Amount, PartialDate AllocatedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.NotBlank(Fund, "fund"), .. Check.PositiveMoney(Amount, "amount")];
}

public sealed record SignPartnerAgreement(string Partner, PartialDate SignedOn, string? Title = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.NotBlank(Partner, "partner"), .. Check.MaxLength(Title, "title", 200)];
}

/// <summary>
/// Records a delivery that spent <paramref name="Spent"/> (zero for one that cost nothing) from <paramref name="Fund"/>,
/// to <paramref name="Partner"/> when it went to one (an education session in Seoul goes to none).
/// </summary>
public sealed record RecordDelivery(
    DeliveryKind Kind, string Description, string Fund, Money Spent, PartialDate DeliveredOn, string? Partner = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
    [
        .. Check.Defined(Kind, "kind"),
        .. Check.NotBlank(Description, "description", 500),
        .. Check.NotBlank(Fund, "fund"),
        .. Check.NotNegativeMoney(Spent, "spent"),
        .. Partner is null ? [] : Check.NotBlank(Partner, "partner"),
    ];
}

public sealed record SuspendProgram(SuspensionReason Reason, PartialDate SuspendedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.Defined(Reason, "reason"), .. Check.MaxLength(Note, "note", 1000)];
}

public sealed record ResumeProgram(PartialDate ResumedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.MaxLength(Note, "note", 1000);
}

/// <summary>Submits a bid to host <paramref name="Bid"/> ("2032 Summer Olympics") to <paramref name="SubmittedTo"/> ("IOC").</summary>
public sealed record SubmitBid(string Bid, string SubmittedTo, PartialDate SubmittedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.NotBlank(Bid, "bid"), .. Check.NotBlank(SubmittedTo, "submittedTo")];
}

/// <summary>Records how the bid was decided; <paramref name="Winner"/> names who was chosen instead of a lost bid.</summary>
public sealed record RecordBidOutcome(BidOutcome Outcome, PartialDate? DecidedOn = null, string? Winner = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.Defined(Outcome, "outcome"), .. Check.MaxLength(Winner, "winner", 200)];
}

public sealed record CompleteProgram(PartialDate CompletedOn, string? Summary = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.MaxLength(Summary, "summary", 2000);
}

public sealed record CancelProgram(PartialDate CancelledOn, string Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Reason, "reason", 500);
}

public sealed record EvaluateProgram(PartialDate EvaluatedOn, EvaluationRating Rating, string Findings) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.Defined(Rating, "rating"), .. Check.NotBlank(Findings, "findings", 4000)];
}
