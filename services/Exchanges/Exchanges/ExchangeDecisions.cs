using Diplomacy.Exchanges.Integration;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Exchanges.Exchanges;

public static class ExchangeDecisions
{
    /// <summary>
    /// Starts the stream. <paramref name="network"/> is what the service knows of Seoul's membership of the
    /// request's network (null when nothing), loaded by the caller; the policies were checked to exist by the caller.
    /// </summary>
    public static IExchangeEvent[] Decide(RequestExchange command, NetworkMembershipStatus? network)
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

    public static IExchangeEvent[] Decide(Exchange state, ScopeExchange command)
    {
        RequireOpen(state);
        Rule.Require(state.Funding is null, $"Funding was approved on {state.Funding?.ApprovedOn} for the scope as it was: the scope can no longer change.");
        Rule.Require(!command.PlannedStart.IsCertainlyBefore(state.RequestedOn),
            $"The exchange cannot be planned to start before it was requested ({state.RequestedOn}).");
        return [new ExchangeScoped(command.Modality, command.Participants, command.PlannedStart, command.PlannedEnd)];
    }

    public static IExchangeEvent[] Decide(Exchange state, ApproveFunding command)
    {
        RequireOpen(state);
        Rule.Require(state.Modality is not null, "Funding is approved for a scope: scope the exchange first.");
        Rule.Require(state.Funding is null, $"Funding was already approved on {state.Funding?.ApprovedOn}.");
        Rule.Require(!command.ApprovedOn.IsCertainlyBefore(state.RequestedOn),
            $"Funding cannot be approved before the exchange was requested ({state.RequestedOn}).");
        return [new FundingApproved(command.Source.Trim(), command.Funding, command.ApprovedOn)];
    }

    public static IExchangeEvent[] Decide(Exchange state, ScheduleExchange command)
    {
        RequireOpen(state);
        Rule.Require(state.Funding is not null, "An exchange is scheduled once its funding is approved.");
        return [new ExchangeScheduled(command.StartsOn, command.EndsOn)];
    }

    public static IExchangeEvent[] Decide(Exchange state, DeliverActivity command)
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
        var note = command.Note.TrimOrNull();
        return [new ActivityDelivered(command.Kind, command.DeliveredOn, command.Participants, note)];
    }

    public static IExchangeEvent[] Decide(Exchange state, SubmitActionPlan command)
    {
        RequireOpen(state);
        Rule.Require(state.Activities.Count > 0, "The partner submits its action plan after an activity was delivered.");
        Rule.Require(state.ActionPlan is null, $"The action plan was already submitted on {state.ActionPlan?.SubmittedOn}.");
        return [new ActionPlanSubmitted(command.SubmittedOn, command.Summary.Trim())];
    }

    public static IExchangeEvent[] Decide(Exchange state, ReportOutcome command)
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
        var evidence = command.Evidence.TrimOrNull();
        return [new OutcomeReported(policyId, command.AdoptionLevel, command.IntendsToProcure, command.ReportedOn, evidence)];
    }

    public static IExchangeEvent[] Decide(Exchange state, EvaluateExchange command)
    {
        RequireOpen(state);
        Rule.Require(state.Outcomes.Count > 0, "No evaluation before an outcome was reported.");
        Rule.Require(state.Evaluation is null, $"The exchange was already evaluated on {state.Evaluation?.EvaluatedOn}.");
        var notes = command.Notes.TrimOrNull();
        return [new ExchangeEvaluated(command.Score, command.EvaluatedOn, notes)];
    }

    public static IExchangeEvent[] Decide(Exchange state, CloseExchange command)
    {
        RequireOpen(state);
        Rule.Require(state.Evaluation is not null, "An exchange is closed once it was evaluated; cancel it otherwise.");
        return [new ExchangeClosed(command.ClosedOn)];
    }

    public static IExchangeEvent[] Decide(Exchange state, CancelExchange command)
    {
        RequireNotFinished(state);
        return [new ExchangeCancelled(command.CancelledOn, command.Reason.Trim())];
    }

    public static IExchangeEvent[] Decide(Exchange state, SuspendExchange command)
    {
        RequireNotFinished(state);
        SuspensionRules.RequireNotYetSuspended(state.Status == ExchangeStatus.Suspended, "exchange", state.SuspendedOn);
        return [new ExchangeSuspended(command.SuspendedOn, command.Reason.Trim())];
    }

    public static IExchangeEvent[] Decide(Exchange state, ResumeExchange command)
    {
        RequireNotFinished(state);
        SuspensionRules.RequireResumable(state.Status == ExchangeStatus.Suspended, "exchange", state.SuspendedOn, command.ResumedOn);
        return [new ExchangeResumed(command.ResumedOn)];
    }

    /// <summary>Nothing changes after closing or cancelling.</summary>
    private static void RequireNotFinished(Exchange state)
    {
        Rule.RequireNotFinished(state.Status == ExchangeStatus.Closed, $"The exchange was closed on {state.ClosedOn}");
        Rule.RequireNotFinished(state.Status == ExchangeStatus.Cancelled, $"The exchange was cancelled on {state.CancelledOn}");
    }

    /// <summary>Neither finished nor suspended: a suspended exchange can only be resumed or cancelled.</summary>
    private static void RequireOpen(Exchange state)
    {
        RequireNotFinished(state);
        SuspensionRules.RequireNotSuspended(state.Status == ExchangeStatus.Suspended, "exchange", state.SuspendedOn, state.SuspensionReason,
            "resume it first (or cancel it)");
    }
}
