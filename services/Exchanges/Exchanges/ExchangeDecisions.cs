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

public static class ExchangeDecisions
{
    /// <summary>
    /// Starts the stream. <paramref name="network"/> is what the service knows of Seoul's membership of the
    /// request's network (null when nothing), loaded by the caller; the policies were checked to exist by the caller.
    /// </summary>
    public static object[] Decide(RequestExchange command, NetworkMembershipStatus? network)
    {
        string? acronym = null;
        if (command.Channel == Channel.CityNetwork)
        {
            Rule.Require(network is { Active: true },
                network is null
                    ? $"Seoul is not known to be a member of the network {command.NetworkId}: a request through a city network needs Seoul's membership of it to be active."
                    : $"Seoul's membership of {network.Acronym} is not active ({network.EndReason} {network.EndedOn}): a request through a city network needs it to be active.");
            acronym = network!.Acronym;
        }
        return
        [
            new ExchangeRequested(
                command.PartnerCity.Trim(),
                command.PartnerCountry,
                command.Channel,
                command.Channel == Channel.CityNetwork ? command.NetworkId : null,
                acronym,
                command.PolicyIds.Distinct().ToArray(),
                command.RequestedOn),
        ];
    }

    public static object[] Decide(Exchange state, ScopeExchange command)
    {
        RequireOpen(state);
        Rule.Require(state.Funding is null, $"Funding was approved on {state.Funding?.ApprovedOn} for the scope as it was: the scope can no longer change.");
        Rule.Require(!command.PlannedStart.IsCertainlyBefore(state.RequestedOn),
            $"The exchange cannot be planned to start before it was requested ({state.RequestedOn}).");
        return [new ExchangeScoped(command.Modality, command.Participants, command.PlannedStart, command.PlannedEnd)];
    }

    public static object[] Decide(Exchange state, ApproveFunding command)
    {
        RequireOpen(state);
        Rule.Require(state.Modality is not null, "Funding is approved for a scope: scope the exchange first.");
        Rule.Require(state.Funding is null, $"Funding was already approved on {state.Funding?.ApprovedOn}.");
        Rule.Require(!command.ApprovedOn.IsCertainlyBefore(state.RequestedOn),
            $"Funding cannot be approved before the exchange was requested ({state.RequestedOn}).");
        return [new FundingApproved(command.Source.Trim(), command.Funding, command.ApprovedOn)];
    }

    public static object[] Decide(Exchange state, ScheduleExchange command)
    {
        RequireOpen(state);
        Rule.Require(state.Funding is not null, "An exchange is scheduled once its funding is approved.");
        return [new ExchangeScheduled(command.StartsOn, command.EndsOn)];
    }

    public static object[] Decide(Exchange state, DeliverActivity command)
    {
        RequireOpen(state);
        Rule.Require(state.Funding is not null, "Nothing is delivered before funding is approved.");
        Rule.Require(!command.DeliveredOn.IsCertainlyBefore(state.Funding!.ApprovedOn),
            $"An activity cannot be delivered before the funding was approved ({state.Funding.ApprovedOn}).");
        if (command.Kind == ActivityKind.SecondmentEnd)
        {
            var starts = state.Activities.Count(a => a.Kind == ActivityKind.SecondmentStart);
            var ends = state.Activities.Count(a => a.Kind == ActivityKind.SecondmentEnd);
            Rule.Require(starts > ends, "A secondment can only end after one started and has not ended yet.");
        }
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        return [new ActivityDelivered(command.Kind, command.DeliveredOn, command.Participants, note)];
    }

    public static object[] Decide(Exchange state, SubmitActionPlan command)
    {
        RequireOpen(state);
        Rule.Require(state.Activities.Count > 0, "The partner submits its action plan after an activity was delivered.");
        Rule.Require(state.ActionPlan is null, $"The action plan was already submitted on {state.ActionPlan?.SubmittedOn}.");
        return [new ActionPlanSubmitted(command.SubmittedOn, command.Summary.Trim())];
    }

    public static object[] Decide(Exchange state, ReportOutcome command)
    {
        RequireOpen(state);
        Rule.Require(state.Activities.Count > 0, "No outcome can be reported before an activity was delivered.");
        Rule.Require(state.Evaluation is null, $"The exchange was evaluated on {state.Evaluation?.EvaluatedOn}: its outcome is settled.");
        var firstDelivery = state.Activities.Min(a => a.DeliveredOn)!;
        Rule.Require(!command.ReportedOn.IsCertainlyBefore(firstDelivery),
            $"An outcome cannot be reported before the first activity was delivered ({firstDelivery}).");
        Guid policyId;
        if (command.PolicyId is { } named)
        {
            Rule.Require(state.PolicyIds.Contains(named), $"The policy {named} is not one this exchange shares.");
            policyId = named;
        }
        else
        {
            Rule.Require(state.PolicyIds.Count == 1, "This exchange shares several policies: name the policy the outcome is about.");
            policyId = state.PolicyIds[0];
        }
        var evidence = string.IsNullOrWhiteSpace(command.Evidence) ? null : command.Evidence.Trim();
        return [new OutcomeReported(policyId, command.AdoptionLevel, command.IntendsToProcure, command.ReportedOn, evidence)];
    }

    public static object[] Decide(Exchange state, EvaluateExchange command)
    {
        RequireOpen(state);
        Rule.Require(state.Outcomes.Count > 0, "No evaluation before an outcome was reported.");
        Rule.Require(state.Evaluation is null, $"The exchange was already evaluated on {state.Evaluation?.EvaluatedOn}.");
        var notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        return [new ExchangeEvaluated(command.Score, command.EvaluatedOn, notes)];
    }

    public static object[] Decide(Exchange state, CloseExchange command)
    {
        RequireOpen(state);
        Rule.Require(state.Evaluation is not null, "An exchange is closed once it was evaluated; cancel it otherwise.");
        return [new ExchangeClosed(command.ClosedOn)];
    }

    public static object[] Decide(Exchange state, CancelExchange command)
    {
        RequireNotFinished(state);
        return [new ExchangeCancelled(command.CancelledOn, command.Reason.Trim())];
    }

    public static object[] Decide(Exchange state, SuspendExchange command)
    {
        RequireOpen(state);
        return [new ExchangeSuspended(command.SuspendedOn, command.Reason.Trim())];
    }

    public static object[] Decide(Exchange state, ResumeExchange command)
    {
        RequireNotFinished(state);
        Rule.Require(state.Status == ExchangeStatus.Suspended, "Only a suspended exchange can be resumed.");
        Rule.Require(!command.ResumedOn.IsCertainlyBefore(state.SuspendedOn!),
            $"An exchange cannot resume before it was suspended ({state.SuspendedOn}).");
        return [new ExchangeResumed(command.ResumedOn)];
    }

    /// <summary>Nothing changes after closing or cancelling.</summary>
    private static void RequireNotFinished(Exchange state)
    {
        Rule.Require(state.Status != ExchangeStatus.Closed, $"The exchange was closed on {state.ClosedOn}; nothing can change it any more.");
        Rule.Require(state.Status != ExchangeStatus.Cancelled, $"The exchange was cancelled on {state.CancelledOn}; nothing can change it any more.");
    }

    /// <summary>Neither finished nor suspended: a suspended exchange can only be resumed or cancelled.</summary>
    private static void RequireOpen(Exchange state)
    {
        RequireNotFinished(state);
        Rule.Require(state.Status != ExchangeStatus.Suspended,
            $"The exchange is suspended since {state.SuspendedOn}; resume it first (or cancel it).");
    }
}
