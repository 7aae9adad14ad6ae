using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Exports.Projects;

/// <summary>
/// Identifies a lead. <paramref name="ExchangeId"/> is required when (and only when) the origin is a policy-sharing
/// outcome; such a lead has one stream per exchange. <paramref name="IdentifiedOn"/> may be unknown for historic cases.
/// </summary>
public sealed record IdentifyLead(
    string Solution,
    string ClientCity,
    CountryCode ClientCountry,
    LeadOrigin Origin,
    PartialDate? IdentifiedOn = null,
    Guid? ExchangeId = null,
    Guid? PolicyId = null,
    Money? EstimatedValue = null,
    string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.NotBlank(Solution, "solution")) yield return error;
        foreach (var error in Check.NotBlank(ClientCity, "clientCity")) yield return error;
        if (ClientCountry.Value is null) yield return new("clientCountry", "Is required.");
        foreach (var error in Check.Defined(Origin, "origin")) yield return error;
        if (Origin == LeadOrigin.PolicySharing && (ExchangeId is null || ExchangeId == Guid.Empty))
            yield return new("exchangeId", "Is required for a lead from a policy-sharing outcome.");
        if (Origin != LeadOrigin.PolicySharing && ExchangeId is not null)
            yield return new("exchangeId", "Only a lead from a policy-sharing outcome names an exchange.");
        if (Origin != LeadOrigin.PolicySharing && PolicyId is not null)
            yield return new("policyId", "Only a lead from a policy-sharing outcome names a policy.");
        if (EstimatedValue is not null)
            foreach (var error in Check.PositiveMoney(EstimatedValue, "estimatedValue")) yield return error;
        foreach (var error in Check.MaxLength(Note, "note", 500)) yield return error;
    }
}

public sealed record QualifyLead(PartialDate QualifiedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.MaxLength(Note, "note", 500);
}

public sealed record CommissionFeasibilityStudy(StudyKind Kind, PartialDate CommissionedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.Defined(Kind, "kind"), .. Check.MaxLength(Note, "note", 500)];
}

public sealed record CompleteFeasibilityStudy(StudyKind Kind, FeasibilityResult Result, PartialDate CompletedOn, string? Summary = null)
    : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.Defined(Kind, "kind"), .. Check.Defined(Result, "result"), .. Check.MaxLength(Summary, "summary", 2000)];
}

/// <summary>Adds a financing source; <paramref name="Committed"/> defaults to true (false: indicative only).</summary>
public sealed record AddFinancingSource(
    FinancingSource Source,
    FinancingInstrument Instrument,
    Money Amount,
    bool? Committed = null,
    PartialDate? ArrangedOn = null,
    string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
    [
        .. Check.Defined(Source, "source"),
        .. Check.Defined(Instrument, "instrument"),
        .. Check.PositiveMoney(Amount, "amount"),
        .. Check.MaxLength(Note, "note", 500),
    ];
}

public sealed record SubmitProposal(Money Value, PartialDate SubmittedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.PositiveMoney(Value, "value"), .. Check.MaxLength(Note, "note", 500)];
}

public sealed record SelectPreferredBidder(PartialDate SelectedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.MaxLength(Note, "note", 500);
}

public sealed record SignContract(
    Money Value, PartialDate SignedOn, PartialDate? TermEndsOn = null, IReadOnlyList<ConsortiumMember>? Consortium = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.PositiveMoney(Value, "value")) yield return error;
        if (TermEndsOn is not null && TermEndsOn.IsCertainlyBefore(SignedOn))
            yield return new("termEndsOn", "Must not be before the contract is signed.");
        if (Consortium is null) yield break;
        for (var i = 0; i < Consortium.Count; i++)
        {
            if (Consortium[i] is null) { yield return new($"consortium[{i}]", "Is required."); continue; }
            foreach (var error in Check.NotBlank(Consortium[i].Firm, $"consortium[{i}].firm")) yield return error;
            foreach (var error in Check.NotBlank(Consortium[i].Role, $"consortium[{i}].role")) yield return error;
        }
    }
}

public sealed record ReachMilestone(string Name, int PercentComplete, PartialDate ReachedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.NotBlank(Name, "name"), .. Check.InRange(PercentComplete, 0, 100, "percentComplete")];
}

public sealed record ReceivePayment(Money Amount, PartialDate ReceivedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.PositiveMoney(Amount, "amount"), .. Check.MaxLength(Note, "note", 500)];
}

public sealed record HandOverSystem(PartialDate HandedOverOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record StartOperations(PartialDate StartedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record EndDefectsPeriod(PartialDate EndedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record RecordPostEvaluation(EvaluationRating Rating, PartialDate EvaluatedOn, string? Summary = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.Defined(Rating, "rating"), .. Check.MaxLength(Summary, "summary", 2000)];
}

public sealed record LinkFollowOnProject(Guid FollowOnProjectId, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        if (FollowOnProjectId == Guid.Empty) yield return new("followOnProjectId", "Is required.");
        foreach (var error in Check.MaxLength(Note, "note", 500)) yield return error;
    }
}

public sealed record RecordLoss(PartialDate LostOn, string Reason, string? Winner = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [.. Check.NotBlank(Reason, "reason", 500), .. Check.MaxLength(Winner, "winner", 500)];
}

public sealed record CancelExport(PartialDate CancelledOn, string Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Reason, "reason", 500);
}

public sealed record SuspendExport(PartialDate SuspendedOn, string Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Reason, "reason", 500);
}

public sealed record ResumeExport(PartialDate ResumedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}
