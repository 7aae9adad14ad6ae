using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.PeaceBuilding.Programs;

public static class PeaceProgramDecisions
{
    /// <summary>The country whose partners need a granted contact approval before a program is approved.</summary>
    public static readonly CountryCode Dprk = CountryCode.Parse("KP");

    public static IPeaceProgramEvent[] Decide(RegisterProgramConcept command) =>
    [
        new ProgramConceptRegistered(
            command.Title.Trim(),
            command.Area,
            [.. command.Partners.Select(p => p with { Name = p.Name.Trim() })],
            [.. command.Objectives.Select(o => o.Trim())],
            command.DacPurposeCode,
            [.. (command.SdgGoals ?? []).Distinct().Order()],
            command.RegisteredOn),
    ];

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, RecordConsultation command)
    {
        RequireOpen(state);
        return [new GovernmentConsulted(command.Ministry.Trim(), command.ConsultedOn, command.Outcome, command.Note.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, DecideContactApproval command)
    {
        RequireOpen(state);
        var partner = RequirePartner(state, command.Partner);
        Rule.Require(partner.Contact != command.Decision || partner.ContactDecidedOn != command.DecidedOn,
            $"Contact with {partner.Name} was already {Text(command.Decision)} on {command.DecidedOn}.");
        return command.Decision == ContactDecision.Granted
            ? [new ContactApprovalGranted(partner.Name, command.DecidedOn, command.Note.TrimOrNull())]
            : [new ContactApprovalDenied(partner.Name, command.DecidedOn, command.Note.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, AssessRisk command)
    {
        RequireOpen(state);
        return [new RiskAssessed(command.Level, command.Screening, command.AssessedOn, command.Note.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, ApproveProgram command)
    {
        RequireOpen(state);
        RequireNotSuspended(state, "resume it first");
        Rule.Require(state.Status == ProgramStatus.Concept, $"The program was already approved on {state.ApprovedOn}.");
        Rule.Require(state.Risk is not null, "A program cannot be approved before its risk is assessed.");
        Rule.Require(state.Risk!.Screening != SanctionsScreening.Pending,
            "The risk assessment is not complete: its sanctions screening is still pending.");
        Rule.Require(state.Risk.Screening != SanctionsScreening.Hit,
            "The sanctions screening found listed goods or parties that no exemption covers; the program cannot be approved.");
        var withoutContact = state.Partners
            .Where(p => p.Country == Dprk && p.Contact != ContactDecision.Granted)
            .Select(p => p.Contact == ContactDecision.Denied ? $"{p.Name} (denied on {p.ContactDecidedOn})" : p.Name)
            .ToList();
        Rule.Require(withoutContact.Count == 0,
            $"Every partner in the DPRK needs a granted contact approval before the program is approved; missing for: {string.Join(", ", withoutContact)}.");
        return [new ProgramApproved(command.ApprovedOn, command.ApprovedBy.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, AllocateFunds command)
    {
        RequireOpen(state);
        return [new FundsAllocated(command.Fund.Trim(), command.Amount, command.AllocatedOn)];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, SignPartnerAgreement command)
    {
        RequireOpen(state);
        var partner = RequirePartner(state, command.Partner);
        Rule.Require(partner.AgreementSignedOn is null, $"An agreement with {partner.Name} was already signed on {partner.AgreementSignedOn}.");
        return [new PartnerAgreementSigned(partner.Name, command.SignedOn, command.Title.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, RecordDelivery command)
    {
        RequireOpen(state);
        RequireNotSuspended(state, "nothing can be delivered until it resumes");
        Rule.Require(state.ApprovedOn is not null, "Nothing can be delivered before the program is approved.");
        Rule.Require(state.Funds.Count > 0, "Nothing can be delivered before funds are allocated to the program.");

        string? partnerName = null;
        if (command.Partner is not null)
        {
            var partner = RequirePartner(state, command.Partner);
            Rule.Require(partner.Contact != ContactDecision.Denied,
                $"Contact with {partner.Name} was denied on {partner.ContactDecidedOn}: nothing can be delivered to that partner.");
            partnerName = partner.Name;
        }

        var spent = command.Spent;
        var balance = state.Balance(command.Fund, spent.Currency);
        Rule.Require(balance is not null, $"Nothing was allocated from '{command.Fund.Trim()}' in {spent.Currency}.");
        var remaining = balance!.Allocated - balance.Spent;
        Rule.Require(spent.Amount <= remaining,
            $"Spending {spent} would exceed the allocation from '{balance.Fund}': {balance.Allocated} {balance.Currency} allocated, "
            + $"{balance.Spent} spent, {remaining} left.");
        return [new DeliveryRecorded(command.Kind, command.Description.Trim(), balance.Fund, spent, command.DeliveredOn, partnerName)];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, SuspendProgram command)
    {
        RequireOpen(state);
        SuspensionRules.RequireNotYetSuspended(state.Status == ProgramStatus.Suspended, "program", state.CurrentSuspension?.SuspendedOn);
        return [new ProgramSuspended(command.Reason, command.SuspendedOn, command.Note.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, ResumeProgram command)
    {
        RequireOpen(state);
        SuspensionRules.RequireResumable(state.Status == ProgramStatus.Suspended, "program", state.CurrentSuspension?.SuspendedOn, command.ResumedOn);
        return [new ProgramResumed(command.ResumedOn, command.Note.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, SubmitBid command)
    {
        RequireOpen(state);
        Rule.Require(state.Bid is null, $"The program already submitted its bid ({state.Bid?.Name}, {state.Bid?.SubmittedOn}).");
        return [new BidSubmitted(command.Bid.Trim(), command.SubmittedTo.Trim(), command.SubmittedOn)];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, RecordBidOutcome command)
    {
        Rule.Require(state.Bid is not null, "No bid was submitted, so there is no outcome to record.");
        Rule.Require(state.Bid!.Outcome is null, $"The bid was already decided: {Text(state.Bid.Outcome)}.");
        Rule.Require(command.DecidedOn is null || !command.DecidedOn.IsCertainlyBefore(state.Bid.SubmittedOn),
            $"A bid cannot be decided before it was submitted ({state.Bid.SubmittedOn}).");
        return [new BidOutcomeRecorded(command.Outcome, command.DecidedOn, command.Winner.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, CompleteProgram command)
    {
        RequireOpen(state);
        RequireNotSuspended(state, "resume or cancel it");
        Rule.Require(state.Status == ProgramStatus.Approved, "Only an approved program can be completed.");
        return [new ProgramCompleted(command.CompletedOn, command.Summary.TrimOrNull())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, CancelProgram command)
    {
        RequireOpen(state);
        return [new ProgramCancelled(command.CancelledOn, command.Reason.Trim())];
    }

    public static IPeaceProgramEvent[] Decide(PeaceProgram state, EvaluateProgram command)
    {
        Rule.Require(state.ApprovedOn is not null || state.IsClosed,
            "A program is evaluated once it has been approved, or after it was completed or cancelled.");
        return [new ProgramEvaluated(command.EvaluatedOn, command.Rating, command.Findings.Trim())];
    }

    private static void RequireOpen(PeaceProgram state) =>
        Rule.RequireNotFinished(state.IsClosed, state.Status == ProgramStatus.Completed
            ? $"The program was completed on {state.CompletedOn}"
            : $"The program was cancelled on {state.CancelledOn}");

    private static void RequireNotSuspended(PeaceProgram state, string then) =>
        SuspensionRules.RequireNotSuspended(state.CurrentSuspension is not null, "program", state.CurrentSuspension?.SuspendedOn,
            Text(state.CurrentSuspension?.Reason), then);

    private static PartnerStanding RequirePartner(PeaceProgram state, string name) =>
        state.Partner(name) ?? throw new RuleViolation(
            $"'{name.Trim()}' is not a partner of this program (partners: {string.Join(", ", state.Partners.Select(p => p.Name))}).");

    private static string Text<T>(T? value) where T : struct, Enum => value is null ? "" : JsonFilter.Text(value.Value);

    private static string Text<T>(T value) where T : struct, Enum => Text((T?)value);
}
