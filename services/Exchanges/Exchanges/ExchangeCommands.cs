using Diplomacy.Exchanges.Integration;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Exchanges.Exchanges;

/// <summary>
/// A partner city asks for some of Seoul's policies (or Seoul offers them). Through a city network,
/// <paramref name="NetworkId"/> names the network (the Membership service's id); other channels name none.
/// </summary>
public sealed record RequestExchange(
    string PartnerCity,
    CountryCode PartnerCountry,
    Channel Channel,
    IReadOnlyList<Guid> PolicyIds,
    PartialDate RequestedOn,
    Guid? NetworkId = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.NotBlank(PartnerCity, "partnerCity")) yield return error;
        if (PartnerCountry.Value is null) yield return new("partnerCountry", "Is required.");
        foreach (var error in Check.Defined(Channel, "channel")) yield return error;
        if (Channel == Channel.CityNetwork && (NetworkId is null || NetworkId == Guid.Empty))
            yield return new("networkId", "Is required when the channel is cityNetwork.");
        if (Channel != Channel.CityNetwork && NetworkId is not null)
            yield return new("networkId", "Only a request through a city network names a network.");
        foreach (var error in Check.NotEmpty(PolicyIds, "policyIds")) yield return error;
        if (PolicyIds is not null && PolicyIds.Contains(Guid.Empty)) yield return new("policyIds", "Must not contain an empty id.");
    }
}

/// <summary>Sets what the exchange will be; may be changed until funding is approved.</summary>
public sealed record ScopeExchange(Modality Modality, int Participants, PartialDate PlannedStart, PartialDate? PlannedEnd = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.Defined(Modality, "modality")) yield return error;
        foreach (var error in Check.InRange(Participants, 1, 10_000, "participants")) yield return error;
        if (PlannedEnd is not null && PlannedStart is not null && PlannedEnd.IsCertainlyBefore(PlannedStart))
            yield return new("plannedEnd", "Must not be before plannedStart.");
    }
}

/// <summary>Approves <paramref name="Funding"/> from <paramref name="Source"/> ("External Cooperation Fund").</summary>
public sealed record ApproveFunding(string Source, Money Funding, PartialDate ApprovedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.NotBlank(Source, "source")) yield return error;
        foreach (var error in Check.PositiveMoney(Funding, "funding")) yield return error;
    }
}

/// <summary>Schedules (or reschedules) the exchange.</summary>
public sealed record ScheduleExchange(PartialDate StartsOn, PartialDate? EndsOn = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        if (EndsOn is not null && StartsOn is not null && EndsOn.IsCertainlyBefore(StartsOn))
            yield return new("endsOn", "Must not be before startsOn.");
    }
}

public sealed record DeliverActivity(ActivityKind Kind, PartialDate DeliveredOn, int Participants, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.Defined(Kind, "kind")) yield return error;
        foreach (var error in Check.InRange(Participants, 1, 10_000, "participants")) yield return error;
        foreach (var error in Check.MaxLength(Note, "note", 500)) yield return error;
    }
}

public sealed record SubmitActionPlan(PartialDate SubmittedOn, string Summary) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Summary, "summary", 4000);
}

/// <summary>
/// Reports how far the partner adopted a policy of the exchange. <paramref name="PolicyId"/> may be left out when
/// the exchange is about one policy. A later report for the same policy supersedes the earlier one.
/// </summary>
public sealed record ReportOutcome(
    AdoptionLevel AdoptionLevel,
    bool IntendsToProcure,
    PartialDate ReportedOn,
    Guid? PolicyId = null,
    string? Evidence = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.Defined(AdoptionLevel, "adoptionLevel")) yield return error;
        foreach (var error in Check.MaxLength(Evidence, "evidence", 4000)) yield return error;
    }
}

public sealed record EvaluateExchange(int Score, PartialDate EvaluatedOn, string? Notes = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.InRange(Score, 1, 5, "score")) yield return error;
        foreach (var error in Check.MaxLength(Notes, "notes", 4000)) yield return error;
    }
}

public sealed record CloseExchange(PartialDate ClosedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}

public sealed record CancelExchange(PartialDate CancelledOn, string Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Reason, "reason", 500);
}

public sealed record SuspendExchange(PartialDate SuspendedOn, string Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Reason, "reason", 500);
}

public sealed record ResumeExchange(PartialDate ResumedOn) : IValidatable
{
    public IEnumerable<FieldError> Validate() => [];
}
