using System.Text.Json.Serialization;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.PeaceBuilding.Programs;

public enum ProgramStatus
{
    Concept = 1,
    Approved,
    Suspended,
    Completed,
    Cancelled,
}

/// <summary>One peace-building program: one stream each.</summary>
public sealed record PeaceProgram : IAggregate<PeaceProgram, IPeaceProgramEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public ProgramStatus Status { get; init; }
    public string Title { get; init; } = "";
    public ProgramArea Area { get; init; }
    public IReadOnlyList<PartnerStanding> Partners { get; init; } = [];
    public IReadOnlyList<string> Objectives { get; init; } = [];
    public string? DacPurposeCode { get; init; }
    public IReadOnlyList<int> SdgGoals { get; init; } = [];
    public PartialDate RegisteredOn { get; init; } = null!;
    public IReadOnlyList<Consultation> Consultations { get; init; } = [];
    /// <summary>The latest risk assessment; null while there is none.</summary>
    public RiskAssessment? Risk { get; init; }
    public PartialDate? ApprovedOn { get; init; }
    public string? ApprovedBy { get; init; }
    /// <summary>Allocated against spent, per fund and currency.</summary>
    public IReadOnlyList<FundBalance> Funds { get; init; } = [];
    public IReadOnlyList<Delivery> Deliveries { get; init; } = [];
    /// <summary>Every suspension, oldest first; the last one is open while the program is suspended.</summary>
    public IReadOnlyList<Suspension> Suspensions { get; init; } = [];
    public Bid? Bid { get; init; }
    public PartialDate? CompletedOn { get; init; }
    public string? CompletionSummary { get; init; }
    public PartialDate? CancelledOn { get; init; }
    public string? CancellationReason { get; init; }
    public IReadOnlyList<Evaluation> Evaluations { get; init; } = [];

    /// <summary>The suspension in force, or null.</summary>
    public Suspension? CurrentSuspension => Status == ProgramStatus.Suspended ? Suspensions[^1] : null;

    [JsonIgnore]
    public bool IsClosed => Status is ProgramStatus.Completed or ProgramStatus.Cancelled;

    /// <summary>The partner called <paramref name="name"/> (ignoring case and surrounding spaces), or null.</summary>
    public PartnerStanding? Partner(string? name) =>
        name is null ? null : Partners.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The balance of <paramref name="fund"/> in <paramref name="currency"/>, or null when nothing was allocated from it.</summary>
    public FundBalance? Balance(string fund, CurrencyCode currency) =>
        Funds.FirstOrDefault(f => f.Currency == currency && string.Equals(f.Fund, fund.Trim(), StringComparison.OrdinalIgnoreCase));

    public static PeaceProgram? Fold(PeaceProgram? state, IPeaceProgramEvent @event) => (state, @event) switch
    {
        (null, ProgramConceptRegistered e) => new PeaceProgram
        {
            Status = ProgramStatus.Concept,
            Title = e.Title,
            Area = e.Area,
            Partners = [.. e.Partners.Select(p => new PartnerStanding { Name = p.Name, Country = p.Country, Kind = p.Kind })],
            Objectives = e.Objectives,
            DacPurposeCode = e.DacPurposeCode,
            SdgGoals = e.SdgGoals,
            RegisteredOn = e.RegisteredOn,
        },
        (not null, GovernmentConsulted e) => state with
        {
            Consultations = [.. state.Consultations, new Consultation(e.Ministry, e.ConsultedOn, e.Outcome, e.Note)],
        },
        (not null, ContactApprovalGranted e) => state.WithPartner(e.Partner, p => p with { Contact = ContactDecision.Granted, ContactDecidedOn = e.DecidedOn }),
        (not null, ContactApprovalDenied e) => state.WithPartner(e.Partner, p => p with { Contact = ContactDecision.Denied, ContactDecidedOn = e.DecidedOn }),
        (not null, RiskAssessed e) => state with { Risk = new RiskAssessment(e.Level, e.Screening, e.AssessedOn, e.Note) },
        (not null, ProgramApproved e) => state with { Status = ProgramStatus.Approved, ApprovedOn = e.ApprovedOn, ApprovedBy = e.ApprovedBy },
        (not null, FundsAllocated e) => state.WithBalance(e.Fund, e.Amount.Currency, b => b with { Allocated = b.Allocated + e.Amount.Amount }),
        (not null, PartnerAgreementSigned e) => state.WithPartner(e.Partner, p => p with { AgreementSignedOn = e.SignedOn, AgreementTitle = e.Title }),
        (not null, DeliveryRecorded e) => state.WithBalance(e.Fund, e.Spent.Currency, b => b with { Spent = b.Spent + e.Spent.Amount }) with
        {
            Deliveries = [.. state.Deliveries, new Delivery(e.Kind, e.Description, e.Fund, e.Spent, e.DeliveredOn, e.Partner)],
        },
        (not null, ProgramSuspended e) => state with
        {
            Status = ProgramStatus.Suspended,
            Suspensions = [.. state.Suspensions, new Suspension(e.Reason, e.SuspendedOn, e.Note, null)],
        },
        (not null, ProgramResumed e) => state with
        {
            Status = state.ApprovedOn is null ? ProgramStatus.Concept : ProgramStatus.Approved,
            Suspensions = [.. state.Suspensions.SkipLast(1), state.Suspensions[^1] with { ResumedOn = e.ResumedOn }],
        },
        (not null, BidSubmitted e) => state with { Bid = new Bid(e.Bid, e.SubmittedTo, e.SubmittedOn, null, null, null) },
        (not null, BidOutcomeRecorded e) when state.Bid is not null => state with
        {
            Bid = state.Bid with { Outcome = e.Outcome, DecidedOn = e.DecidedOn, Winner = e.Winner },
        },
        (not null, ProgramCompleted e) => state with { Status = ProgramStatus.Completed, CompletedOn = e.CompletedOn, CompletionSummary = e.Summary },
        (not null, ProgramCancelled e) => state with { Status = ProgramStatus.Cancelled, CancelledOn = e.CancelledOn, CancellationReason = e.Reason },
        (not null, ProgramEvaluated e) => state with
        {
            Evaluations = [.. state.Evaluations, new Evaluation(e.EvaluatedOn, e.Rating, e.Findings)],
        },
        _ => state,
    };

    private PeaceProgram WithPartner(string name, Func<PartnerStanding, PartnerStanding> change) => this with
    {
        Partners = [.. Partners.Select(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) ? change(p) : p)],
    };

    private PeaceProgram WithBalance(string fund, CurrencyCode currency, Func<FundBalance, FundBalance> change)
    {
        var current = Balance(fund, currency);
        return this with
        {
            Funds = current is null
                ? [.. Funds, change(new FundBalance(fund, currency, 0, 0))]
                : [.. Funds.Select(b => ReferenceEquals(b, current) ? change(b) : b)],
        };
    }

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(ProgramConceptRegistered)] = "program_concept_registered",
        [typeof(GovernmentConsulted)] = "government_consulted",
        [typeof(ContactApprovalGranted)] = "contact_approval_granted",
        [typeof(ContactApprovalDenied)] = "contact_approval_denied",
        [typeof(RiskAssessed)] = "risk_assessed",
        [typeof(ProgramApproved)] = "program_approved",
        [typeof(FundsAllocated)] = "funds_allocated",
        [typeof(PartnerAgreementSigned)] = "partner_agreement_signed",
        [typeof(DeliveryRecorded)] = "delivery_recorded",
        [typeof(ProgramSuspended)] = "program_suspended",
        [typeof(ProgramResumed)] = "program_resumed",
        [typeof(BidSubmitted)] = "bid_submitted",
        [typeof(BidOutcomeRecorded)] = "bid_outcome_recorded",
        [typeof(ProgramCompleted)] = "program_completed",
        [typeof(ProgramCancelled)] = "program_cancelled",
        [typeof(ProgramEvaluated)] = "program_evaluated",
    };
}
