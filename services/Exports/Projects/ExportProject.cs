using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Exports.Projects;

/// <summary>The stage of an export project; the pipeline is grouped by it.</summary>
public enum ExportStatus
{
    Lead = 1,
    Qualified,
    /// <summary>A feasibility study was commissioned.</summary>
    Feasibility,
    /// <summary>A proposal was submitted.</summary>
    Proposed,
    PreferredBidder,
    Contracted,
    /// <summary>A first milestone was reached.</summary>
    Implementation,
    HandedOver,
    Operating,
    /// <summary>The defects period ended: delivered and closed.</summary>
    Closed,
    Lost,
    Cancelled,
    Suspended,
}

/// <summary>One export of a Seoul urban solution to a client city, from lead to post-evaluation: one stream each.</summary>
public sealed record ExportProject : IAggregate<ExportProject, IExportProjectEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }

    /// <summary>
    /// The stream of the lead a policy-sharing exchange gave: one id per exchange makes "one lead per exchange"
    /// a guarantee of the database, however often the adoption is delivered or posted.
    /// </summary>
    public static Guid LeadIdFor(Guid exchangeId) => DeterministicGuid.Create("export-lead", exchangeId.ToString());

    public ExportStatus Status { get; init; }
    public string Solution { get; init; } = "";
    public string ClientCity { get; init; } = "";
    public CountryCode ClientCountry { get; init; }
    public LeadOrigin Origin { get; init; }
    /// <summary>The policy-sharing exchange the lead came from, if it did.</summary>
    public Guid? ExchangeId { get; init; }
    public Guid? PolicyId { get; init; }
    public PartialDate? IdentifiedOn { get; init; }
    public string? Note { get; init; }
    public Money? EstimatedValue { get; init; }
    /// <summary>The value the pipeline counts: the contract's, else the proposal's, else the estimate.</summary>
    public Money? Value => ContractValue ?? ProposalValue ?? EstimatedValue;
    public PartialDate? QualifiedOn { get; init; }
    public IReadOnlyList<FeasibilityStudy> Studies { get; init; } = [];
    public IReadOnlyList<FinancingLine> Financing { get; init; } = [];
    /// <summary>Committed financing (guarantees excepted), one total per currency: never converted.</summary>
    public IReadOnlyList<Money> CommittedFinancing => Totals(Financing.Where(l => l.Counts).Select(l => l.Amount));
    public Money? ProposalValue { get; init; }
    public PartialDate? ProposalSubmittedOn { get; init; }
    public PartialDate? PreferredBidderOn { get; init; }
    public Money? ContractValue { get; init; }
    public PartialDate? ContractSignedOn { get; init; }
    public PartialDate? TermEndsOn { get; init; }
    public IReadOnlyList<ConsortiumMember> Consortium { get; init; } = [];
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];
    public int PercentComplete { get; init; }
    public IReadOnlyList<Payment> Payments { get; init; } = [];
    /// <summary>Payments received, one total per currency.</summary>
    public IReadOnlyList<Money> PaymentsReceived => Totals(Payments.Select(p => p.Amount));
    public PartialDate? HandedOverOn { get; init; }
    public PartialDate? OperationsStartedOn { get; init; }
    public PartialDate? DefectsPeriodEndedOn { get; init; }
    public PostEvaluation? PostEvaluation { get; init; }
    public IReadOnlyList<Guid> FollowOnProjects { get; init; } = [];
    public PartialDate? LostOn { get; init; }
    public string? LossReason { get; init; }
    public string? Winner { get; init; }
    public PartialDate? CancelledOn { get; init; }
    public string? CancellationReason { get; init; }
    /// <summary>Set while suspended: the stage it resumes to.</summary>
    public ExportStatus? SuspendedFrom { get; init; }
    public PartialDate? SuspendedOn { get; init; }
    public string? SuspensionReason { get; init; }
    public PartialDate? ResumedOn { get; init; }

    /// <summary>Whether the project is over for good: closed, lost or cancelled.</summary>
    public bool IsTerminal => Status is ExportStatus.Closed or ExportStatus.Lost or ExportStatus.Cancelled;

    public static ExportProject? Fold(ExportProject? state, IExportProjectEvent @event) => (state, @event) switch
    {
        (null, LeadIdentified e) => new ExportProject
        {
            Status = ExportStatus.Lead,
            Solution = e.Solution,
            ClientCity = e.ClientCity,
            ClientCountry = e.ClientCountry,
            Origin = e.Origin,
            ExchangeId = e.ExchangeId,
            PolicyId = e.PolicyId,
            IdentifiedOn = e.IdentifiedOn,
            EstimatedValue = e.EstimatedValue,
            Note = e.Note,
        },
        (not null, LeadQualified e) => state with { Status = ExportStatus.Qualified, QualifiedOn = e.QualifiedOn },
        (not null, FeasibilityStudyCommissioned e) => state with
        {
            Status = ExportStatus.Feasibility,
            Studies = [.. state.Studies, new FeasibilityStudy(e.Kind, e.CommissionedOn)],
        },
        (not null, FeasibilityStudyCompleted e) => state with
        {
            Studies = [.. state.Studies.Select(s => s.Kind == e.Kind && s.CompletedOn is null
                ? s with { Result = e.Result, CompletedOn = e.CompletedOn } : s)],
        },
        (not null, FinancingSourceAdded e) => state with
        {
            Financing = [.. state.Financing, new FinancingLine(e.Source, e.Instrument, e.Amount, e.Committed, e.ArrangedOn, e.Note)],
        },
        (not null, ProposalSubmitted e) => state with
        {
            Status = ExportStatus.Proposed,
            ProposalValue = e.Value,
            ProposalSubmittedOn = e.SubmittedOn,
        },
        (not null, PreferredBidderSelected e) => state with { Status = ExportStatus.PreferredBidder, PreferredBidderOn = e.SelectedOn },
        (not null, ContractSigned e) => state with
        {
            Status = ExportStatus.Contracted,
            ContractValue = e.Value,
            ContractSignedOn = e.SignedOn,
            TermEndsOn = e.TermEndsOn,
            Consortium = e.Consortium,
        },
        (not null, MilestoneReached e) => state with
        {
            Status = state.Status == ExportStatus.Contracted ? ExportStatus.Implementation : state.Status,
            Milestones = [.. state.Milestones, new Milestone(e.Name, e.PercentComplete, e.ReachedOn)],
            PercentComplete = e.PercentComplete,
        },
        (not null, PaymentReceived e) => state with { Payments = [.. state.Payments, new Payment(e.Amount, e.ReceivedOn, e.Note)] },
        (not null, SystemHandedOver e) => state with { Status = ExportStatus.HandedOver, HandedOverOn = e.HandedOverOn },
        (not null, OperationsStarted e) => state with { Status = ExportStatus.Operating, OperationsStartedOn = e.StartedOn },
        (not null, DefectsPeriodEnded e) => state with { Status = ExportStatus.Closed, DefectsPeriodEndedOn = e.EndedOn },
        (not null, PostEvaluationRecorded e) => state with { PostEvaluation = new PostEvaluation(e.Rating, e.EvaluatedOn, e.Summary) },
        (not null, FollowOnProjectLinked e) => state with { FollowOnProjects = [.. state.FollowOnProjects, e.FollowOnProjectId] },
        (not null, ExportLost e) => state with { Status = ExportStatus.Lost, LostOn = e.LostOn, LossReason = e.Reason, Winner = e.Winner },
        (not null, ExportCancelled e) => state with
        {
            Status = ExportStatus.Cancelled,
            CancelledOn = e.CancelledOn,
            CancellationReason = e.Reason,
            SuspendedFrom = null,
        },
        (not null, ExportSuspended e) => state with
        {
            Status = ExportStatus.Suspended,
            SuspendedFrom = state.Status,
            SuspendedOn = e.SuspendedOn,
            SuspensionReason = e.Reason,
        },
        (not null, ExportResumed e) => state with
        {
            Status = state.SuspendedFrom ?? state.Status,
            SuspendedFrom = null,
            SuspendedOn = null,
            SuspensionReason = null,
            ResumedOn = e.ResumedOn,
        },
        _ => state,
    };

    /// <summary>Sums per currency, in the order the currencies first appear; amounts in different currencies never meet.</summary>
    private static IReadOnlyList<Money> Totals(IEnumerable<Money> amounts) =>
        [.. amounts.GroupBy(m => m.Currency).Select(g => new Money(g.Sum(m => m.Amount), g.Key))];

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(LeadIdentified)] = "export_lead_identified",
        [typeof(LeadQualified)] = "export_lead_qualified",
        [typeof(FeasibilityStudyCommissioned)] = "feasibility_study_commissioned",
        [typeof(FeasibilityStudyCompleted)] = "feasibility_study_completed",
        [typeof(FinancingSourceAdded)] = "financing_source_added",
        [typeof(ProposalSubmitted)] = "proposal_submitted",
        [typeof(PreferredBidderSelected)] = "preferred_bidder_selected",
        [typeof(ContractSigned)] = "export_contract_signed",
        [typeof(MilestoneReached)] = "milestone_reached",
        [typeof(PaymentReceived)] = "payment_received",
        [typeof(SystemHandedOver)] = "system_handed_over",
        [typeof(OperationsStarted)] = "operations_started",
        [typeof(DefectsPeriodEnded)] = "defects_period_ended",
        [typeof(PostEvaluationRecorded)] = "post_evaluation_recorded",
        [typeof(FollowOnProjectLinked)] = "follow_on_project_linked",
        [typeof(ExportLost)] = "export_lost",
        [typeof(ExportCancelled)] = "export_cancelled",
        [typeof(ExportSuspended)] = "export_suspended",
        [typeof(ExportResumed)] = "export_resumed",
    };
}
