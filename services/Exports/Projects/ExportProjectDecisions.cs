using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Exports.Projects;

public static class ExportProjectDecisions
{
    public static IExportProjectEvent[] Decide(IdentifyLead command) =>
    [
        new LeadIdentified(
            command.Solution.Trim(),
            command.ClientCity.Trim(),
            command.ClientCountry,
            command.Origin,
            command.IdentifiedOn,
            command.ExchangeId,
            command.PolicyId,
            command.EstimatedValue,
            command.Note.TrimOrNull()),
    ];

    public static IExportProjectEvent[] Decide(ExportProject state, QualifyLead command)
    {
        RequireActive(state);
        Rule.Require(state.Status == ExportStatus.Lead, $"Only a lead can be qualified; this project is {Stage(state)}.");
        NotBefore(command.QualifiedOn, state.IdentifiedOn, "the lead was identified");
        return [new LeadQualified(command.QualifiedOn, command.Note.TrimOrNull())];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, CommissionFeasibilityStudy command)
    {
        RequireActive(state);
        Rule.Require(state.Status is ExportStatus.Lead or ExportStatus.Qualified or ExportStatus.Feasibility,
            $"A feasibility study is commissioned before a proposal; this project is {Stage(state)}.");
        Rule.Require(!state.Studies.Any(s => s.Kind == command.Kind && s.CompletedOn is null),
            $"A {JsonFilter.Text(command.Kind)} study is already under way.");
        NotBefore(command.CommissionedOn, state.IdentifiedOn, "the lead was identified");
        return [new FeasibilityStudyCommissioned(command.Kind, command.CommissionedOn, command.Note.TrimOrNull())];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, CompleteFeasibilityStudy command)
    {
        RequireActive(state);
        var open = state.Studies.FirstOrDefault(s => s.Kind == command.Kind && s.CompletedOn is null);
        Rule.Require(open is not null, $"No {JsonFilter.Text(command.Kind)} study was commissioned and left open.");
        NotBefore(command.CompletedOn, open!.CommissionedOn, "the study was commissioned");
        return [new FeasibilityStudyCompleted(command.Kind, command.Result, command.CompletedOn, command.Summary.TrimOrNull())];
    }

    /// <summary>Financing can be arranged at any stage until the project is over, also while it is suspended.</summary>
    public static IExportProjectEvent[] Decide(ExportProject state, AddFinancingSource command)
    {
        RequireNotOver(state);
        return [new FinancingSourceAdded(
            command.Source, command.Instrument, command.Amount, command.Committed ?? true, command.ArrangedOn, command.Note.TrimOrNull())];
    }

    /// <summary>A tender can be answered without a formal qualification, so a lead can go straight to a proposal.</summary>
    public static IExportProjectEvent[] Decide(ExportProject state, SubmitProposal command)
    {
        RequireActive(state);
        Rule.Require(state.ProposalSubmittedOn is null, $"A proposal was already submitted on {state.ProposalSubmittedOn}.");
        Rule.Require(state.Status is ExportStatus.Lead or ExportStatus.Qualified or ExportStatus.Feasibility,
            $"A proposal is submitted before a contract; this project is {Stage(state)}.");
        NotBefore(command.SubmittedOn, state.IdentifiedOn, "the lead was identified");
        return [new ProposalSubmitted(command.Value, command.SubmittedOn, command.Note.TrimOrNull())];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, SelectPreferredBidder command)
    {
        RequireActive(state);
        Rule.Require(state.Status == ExportStatus.Proposed, $"A preferred bidder is selected after a proposal; this project is {Stage(state)}.");
        NotBefore(command.SelectedOn, state.ProposalSubmittedOn, "the proposal was submitted");
        return [new PreferredBidderSelected(command.SelectedOn, command.Note.TrimOrNull())];
    }

    /// <summary>No contract without a submitted proposal.</summary>
    public static IExportProjectEvent[] Decide(ExportProject state, SignContract command)
    {
        RequireActive(state);
        Rule.Require(state.ProposalSubmittedOn is not null, "No contract can be signed without a submitted proposal.");
        Rule.Require(state.Status is ExportStatus.Proposed or ExportStatus.PreferredBidder,
            $"A contract is signed once, after the proposal; this project is {Stage(state)}.");
        NotBefore(command.SignedOn, state.ProposalSubmittedOn, "the proposal was submitted");
        var consortium = (command.Consortium ?? []).Select(m => new ConsortiumMember(m.Firm.Trim(), m.Role.Trim())).ToArray();
        Rule.Require(consortium.Select(m => m.Firm).Distinct(StringComparer.OrdinalIgnoreCase).Count() == consortium.Length,
            "A firm appears twice in the consortium; give it one entry with all its roles.");
        return [new ContractSigned(command.Value, command.SignedOn, command.TermEndsOn, consortium)];
    }

    /// <summary>
    /// The first milestone starts implementation, which needs committed financing that covers the contract value;
    /// percent complete never goes down.
    /// </summary>
    public static IExportProjectEvent[] Decide(ExportProject state, ReachMilestone command)
    {
        RequireActive(state);
        Rule.Require(state.Status is ExportStatus.Contracted or ExportStatus.Implementation,
            $"Milestones are reached between the contract and the handover; this project is {Stage(state)}.");
        RequireFinancingCoversContract(state);
        Rule.Require(command.PercentComplete >= state.PercentComplete,
            $"Percent complete never goes down: it is {state.PercentComplete}%, not {command.PercentComplete}%.");
        NotBefore(command.ReachedOn, state.ContractSignedOn, "the contract was signed");
        return [new MilestoneReached(command.Name.Trim(), command.PercentComplete, command.ReachedOn)];
    }

    /// <summary>Payments arrive under a signed contract, also while it is suspended; none after the project is closed.</summary>
    public static IExportProjectEvent[] Decide(ExportProject state, ReceivePayment command)
    {
        Rule.Require(!state.IsTerminal, $"No payment can be received after the project is closed ({Stage(state)}).");
        Rule.Require(state.ContractSignedOn is not null, "Payments are received under a signed contract; none is signed yet.");
        NotBefore(command.ReceivedOn, state.ContractSignedOn, "the contract was signed");
        return [new PaymentReceived(command.Amount, command.ReceivedOn, command.Note.TrimOrNull())];
    }

    /// <summary>Handing over implements the contract too, so it needs the same financing coverage as a milestone.</summary>
    public static IExportProjectEvent[] Decide(ExportProject state, HandOverSystem command)
    {
        RequireActive(state);
        Rule.Require(state.Status is ExportStatus.Contracted or ExportStatus.Implementation,
            $"The system is handed over once, after the contract; this project is {Stage(state)}.");
        RequireFinancingCoversContract(state);
        NotBefore(command.HandedOverOn, state.ContractSignedOn, "the contract was signed");
        return [new SystemHandedOver(command.HandedOverOn)];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, StartOperations command)
    {
        RequireActive(state);
        Rule.Require(state.Status == ExportStatus.HandedOver, $"Operations start after the handover; this project is {Stage(state)}.");
        NotBefore(command.StartedOn, state.HandedOverOn, "the system was handed over");
        return [new OperationsStarted(command.StartedOn)];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, EndDefectsPeriod command)
    {
        RequireActive(state);
        Rule.Require(state.Status is ExportStatus.HandedOver or ExportStatus.Operating,
            $"The defects period ends after the handover; this project is {Stage(state)}.");
        NotBefore(command.EndedOn, state.HandedOverOn, "the system was handed over");
        return [new DefectsPeriodEnded(command.EndedOn)];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, RecordPostEvaluation command)
    {
        Rule.Require(state.HandedOverOn is not null && state.Status is not ExportStatus.Cancelled,
            "A post-evaluation is recorded for a system that was handed over.");
        Rule.Require(state.PostEvaluation is null, $"A post-evaluation was already recorded on {state.PostEvaluation?.EvaluatedOn}.");
        NotBefore(command.EvaluatedOn, state.HandedOverOn, "the system was handed over");
        return [new PostEvaluationRecorded(command.Rating, command.EvaluatedOn, command.Summary.TrimOrNull())];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, LinkFollowOnProject command)
    {
        Rule.Require(state.Status is not (ExportStatus.Lost or ExportStatus.Cancelled),
            $"A {Stage(state)} project has no follow-on.");
        Rule.Require(state.ContractSignedOn is not null, "A follow-on project follows a signed contract; none is signed yet.");
        Rule.Require(command.FollowOnProjectId != state.Id, "A project cannot be its own follow-on.");
        Rule.Require(!state.FollowOnProjects.Contains(command.FollowOnProjectId), "That follow-on project is already linked.");
        return [new FollowOnProjectLinked(command.FollowOnProjectId, command.Note.TrimOrNull())];
    }

    /// <summary>An export is lost before its contract; after that it can only be cancelled.</summary>
    public static IExportProjectEvent[] Decide(ExportProject state, RecordLoss command)
    {
        RequireNotOver(state);
        var stage = state.SuspendedFrom ?? state.Status;
        Rule.Require(stage is ExportStatus.Lead or ExportStatus.Qualified or ExportStatus.Feasibility
                or ExportStatus.Proposed or ExportStatus.PreferredBidder,
            "A project is lost before its contract is signed; a signed one can only be cancelled.");
        return [new ExportLost(command.LostOn, command.Reason.Trim(), command.Winner.TrimOrNull())];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, CancelExport command)
    {
        RequireNotOver(state);
        return [new ExportCancelled(command.CancelledOn, command.Reason.Trim())];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, SuspendExport command)
    {
        RequireNotOver(state);
        SuspensionRules.RequireNotYetSuspended(state.Status == ExportStatus.Suspended, "project", state.SuspendedOn);
        return [new ExportSuspended(command.SuspendedOn, command.Reason.Trim())];
    }

    public static IExportProjectEvent[] Decide(ExportProject state, ResumeExport command)
    {
        SuspensionRules.RequireResumable(state.Status == ExportStatus.Suspended, "project", state.SuspendedOn, command.ResumedOn);
        return [new ExportResumed(command.ResumedOn)];
    }

    /// <summary>
    /// Committed financing must cover the contract value in the contract's own currency. Money in other currencies
    /// is never converted, and guarantees and indicative amounts never count.
    /// </summary>
    public static void RequireFinancingCoversContract(ExportProject state)
    {
        var value = state.ContractValue ?? throw new RuleViolation("No contract is signed.");
        var committed = state.Financing.Where(l => l.Counts && l.Amount.Currency == value.Currency).Sum(l => l.Amount.Amount);
        if (committed >= value.Amount) return;
        var others = state.CommittedFinancing.Where(m => m.Currency != value.Currency).ToList();
        throw new RuleViolation(
            $"Committed financing must cover the contract value before implementation starts: {committed} {value.Currency} "
            + $"is committed of {value}, {value.Amount - committed} {value.Currency} short."
            + (others.Count == 0 ? "" : $" Financing in other currencies ({string.Join(", ", others)}) is never converted."));
    }

    private static void RequireNotOver(ExportProject state) =>
        Rule.RequireNotFinished(state.IsTerminal, $"The project is {Stage(state)}");

    /// <summary>Not over and not suspended.</summary>
    private static void RequireActive(ExportProject state)
    {
        RequireNotOver(state);
        SuspensionRules.RequireNotSuspended(state.Status == ExportStatus.Suspended, "project", state.SuspendedOn, state.SuspensionReason);
    }

    private static void NotBefore(PartialDate date, PartialDate? earlier, string what) =>
        Rule.Require(earlier is null || !date.IsCertainlyBefore(earlier), $"{date} is before {what} ({earlier}).");

    private static string Stage(ExportProject state) => JsonFilter.Text(state.Status);
}
