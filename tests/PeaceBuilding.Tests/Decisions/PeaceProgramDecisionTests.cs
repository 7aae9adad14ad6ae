using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

public class PeaceProgramDecisionTests
{
    private static PartialDate D(string text) => PartialDate.Parse(text);
    private static Money M(decimal amount, string currency) => new(amount, CurrencyCode.Parse(currency));

    private const string Fund = "Inter-Korean Exchange and Cooperation Fund";

    private static readonly ProgramConceptRegistered PyongyangConcept = new(
        "Seoul-Pyongyang city-to-city partnership",
        ProgramArea.SocioCultural,
        [new ProgramPartner("Pyongyang", CountryCode.Parse("KP"), PartnerKind.City), new ProgramPartner("UNICEF", CountryCode.Parse("US"), PartnerKind.Organisation)],
        ["peace and unification education"],
        "15220",
        [16, 17],
        D("2016-11"));

    private static readonly ProgramConceptRegistered MexicoConcept = new(
        "Earthquake relief to Mexico City", ProgramArea.Humanitarian,
        [new ProgramPartner("Mexico City", CountryCode.Parse("MX"), PartnerKind.City)], ["relief after the 2017 earthquake"], "72010", [11], D("2017-09"));

    private static readonly RiskAssessed Cleared = new(RiskLevel.Moderate, SanctionsScreening.Cleared, D("2018-10"), null);
    private static readonly ContactApprovalGranted PyongyangContact = new("Pyongyang", D("2018-10"), null);
    private static readonly ProgramApproved Approved = new(D("2018-11"), "Mayor");

    private static PeaceProgram Given(params IPeaceProgramEvent[] events) => Aggregate.Fold<PeaceProgram>(events)!;
    private static PeaceProgram Concept(params IPeaceProgramEvent[] later) => Given([PyongyangConcept, .. later]);
    private static PeaceProgram ApprovedProgram(params IPeaceProgramEvent[] later) => Concept([Cleared, PyongyangContact, Approved, .. later]);
    private static PeaceProgram Funded(params IPeaceProgramEvent[] later) => ApprovedProgram([new FundsAllocated(Fund, M(100_000_000, "KRW"), D("2018-12")), .. later]);

    private static T Single<T>(object[] events) => Assert.IsType<T>(Assert.Single(events));
    private static RuleViolation Refused(Func<object[]> decide) => Assert.Throws<RuleViolation>(decide);

    private static RecordDelivery Delivery(decimal amount, string currency = "KRW", string fund = Fund, string? partner = "Pyongyang") =>
        new(DeliveryKind.AidShipment, "medical supplies", fund, M(amount, currency), D("2019-01"), partner);

    // ---- concept

    [Fact]
    public void Registering_a_concept_starts_the_program_with_its_partners()
    {
        var registered = Single<ProgramConceptRegistered>(PeaceProgramDecisions.Decide(new RegisterProgramConcept(
            " Seoul-Pyongyang city-to-city partnership ", ProgramArea.SocioCultural,
            [new ProgramPartner(" Pyongyang ", CountryCode.Parse("KP"), PartnerKind.City), new ProgramPartner("UNICEF", CountryCode.Parse("US"), PartnerKind.Organisation)],
            [" peace and unification education "], D("2016-11"), "15220", [17, 16, 16])));

        Assert.Equal(PyongyangConcept.Title, registered.Title);
        Assert.Equal(PyongyangConcept.Partners, registered.Partners);
        Assert.Equal(PyongyangConcept.Objectives, registered.Objectives);
        Assert.Equal([16, 17], registered.SdgGoals);
        var program = Given(registered);
        Assert.Equal(ProgramStatus.Concept, program.Status);
        Assert.Equal(["Pyongyang", "UNICEF"], program.Partners.Select(p => p.Name));
        Assert.All(program.Partners, p => Assert.Null(p.Contact));
        Assert.Empty(program.Funds);
    }

    public static TheoryData<RegisterProgramConcept, string> InvalidConcepts()
    {
        var valid = new RegisterProgramConcept("Relief", ProgramArea.Humanitarian,
            [new ProgramPartner("Mexico City", CountryCode.Parse("MX"), PartnerKind.City)], ["relief"], D("2017"), "72010", [11]);
        return new()
        {
            { valid with { Title = " " }, "title" },
            { valid with { Area = 0 }, "area" },
            { valid with { Partners = [] }, "partners" },
            { valid with { Partners = [new ProgramPartner("", CountryCode.Parse("MX"), PartnerKind.City)] }, "partners[0].name" },
            { valid with { Partners = [new ProgramPartner("Mexico City", default, PartnerKind.City)] }, "partners[0].country" },
            { valid with { Partners = [new ProgramPartner("Mexico City", CountryCode.Parse("MX"), (PartnerKind)9)] }, "partners[0].kind" },
            { valid with { Partners = [valid.Partners[0], valid.Partners[0] with { Name = "MEXICO CITY" }] }, "partners[1].name" },
            { valid with { Objectives = [] }, "objectives" },
            { valid with { Objectives = ["relief", ""] }, "objectives[1]" },
            { valid with { DacPurposeCode = "1522" }, "dacPurposeCode" },
            { valid with { DacPurposeCode = "1522X" }, "dacPurposeCode" },
            { valid with { SdgGoals = [18] }, "sdgGoals[0]" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidConcepts))]
    public void An_invalid_concept_names_the_wrong_field(RegisterProgramConcept command, string field)
    {
        Assert.Equal(field, Assert.Single(command.Validate()).Field);
    }

    // ---- approval: risk assessment and contact approvals

    [Fact]
    public void A_program_with_a_completed_risk_assessment_and_granted_contact_is_approved()
    {
        var program = Concept(Cleared, PyongyangContact);

        var approved = Single<ProgramApproved>(PeaceProgramDecisions.Decide(program, new ApproveProgram(D("2018-11"), " Mayor ")));

        Assert.Equal(Approved, approved);
        program = PeaceProgram.Fold(program, approved)!;
        Assert.Equal(ProgramStatus.Approved, program.Status);
        Assert.Equal(D("2018-11"), program.ApprovedOn);
    }

    [Fact]
    public void No_approval_without_a_risk_assessment()
    {
        Assert.Contains("risk", Refused(() => PeaceProgramDecisions.Decide(Concept(PyongyangContact), new ApproveProgram(D("2018")))).Message);
    }

    [Fact]
    public void No_approval_while_the_sanctions_screening_is_pending()
    {
        var pending = Cleared with { Screening = SanctionsScreening.Pending };
        Assert.Contains("pending", Refused(() => PeaceProgramDecisions.Decide(Concept(pending, PyongyangContact), new ApproveProgram(D("2018")))).Message);
        // The latest assessment counts: a completed one after a pending one allows approval.
        Assert.Single(PeaceProgramDecisions.Decide(Concept(pending, Cleared, PyongyangContact), new ApproveProgram(D("2018"))));
    }

    [Fact]
    public void No_approval_when_the_screening_found_a_sanctions_hit_without_exemption()
    {
        var hit = Cleared with { Screening = SanctionsScreening.Hit };
        Refused(() => PeaceProgramDecisions.Decide(Concept(hit, PyongyangContact), new ApproveProgram(D("2018"))));
        Assert.Single(PeaceProgramDecisions.Decide(Concept(Cleared with { Screening = SanctionsScreening.Exempted }, PyongyangContact), new ApproveProgram(D("2018"))));
    }

    [Fact]
    public void No_approval_without_a_granted_contact_approval_for_every_partner_in_the_dprk()
    {
        var missing = Refused(() => PeaceProgramDecisions.Decide(Concept(Cleared), new ApproveProgram(D("2018"))));
        Assert.Contains("Pyongyang", missing.Message);

        var denied = Refused(() => PeaceProgramDecisions.Decide(
            Concept(Cleared, new ContactApprovalDenied("Pyongyang", D("2018-09"), null)), new ApproveProgram(D("2018"))));
        Assert.Contains("denied", denied.Message);

        var twoKp = Given(PyongyangConcept with
        {
            Partners = [.. PyongyangConcept.Partners, new ProgramPartner("Kaesong", CountryCode.Parse("KP"), PartnerKind.City)],
        }, Cleared, PyongyangContact);
        Assert.Contains("Kaesong", Refused(() => PeaceProgramDecisions.Decide(twoKp, new ApproveProgram(D("2018")))).Message);
    }

    [Fact]
    public void A_program_without_partners_in_the_dprk_needs_no_contact_approval()
    {
        Assert.Single(PeaceProgramDecisions.Decide(Given(MexicoConcept, Cleared), new ApproveProgram(D("2017"))));
    }

    [Fact]
    public void A_later_grant_overrides_an_earlier_denial()
    {
        var program = Concept(Cleared, new ContactApprovalDenied("Pyongyang", D("2018-09"), null));
        var granted = Single<ContactApprovalGranted>(PeaceProgramDecisions.Decide(program, new DecideContactApproval("pyongyang", ContactDecision.Granted, D("2018-10"))));

        Assert.Equal(PyongyangContact, granted);
        Assert.Single(PeaceProgramDecisions.Decide(PeaceProgram.Fold(program, granted)!, new ApproveProgram(D("2018-11"))));
    }

    [Fact]
    public void Contact_approval_is_decided_only_for_a_partner_of_the_program()
    {
        Refused(() => PeaceProgramDecisions.Decide(Concept(), new DecideContactApproval("Kaesong", ContactDecision.Granted, D("2018"))));
    }

    [Fact]
    public void A_program_is_approved_once()
    {
        Refused(() => PeaceProgramDecisions.Decide(ApprovedProgram(), new ApproveProgram(D("2019"))));
    }

    [Fact]
    public void A_suspended_program_cannot_be_approved()
    {
        var suspended = Concept(Cleared, PyongyangContact, new ProgramSuspended(SuspensionReason.Political, D("2016-11"), null));
        Refused(() => PeaceProgramDecisions.Decide(suspended, new ApproveProgram(D("2019"))));
    }

    // ---- delivery: approval, allocation, suspension, denied partners

    [Fact]
    public void A_delivery_within_the_allocation_is_recorded_and_spent_from_the_fund()
    {
        var delivered = Single<DeliveryRecorded>(PeaceProgramDecisions.Decide(Funded(), Delivery(40_000_000, partner: "pyongyang")));

        Assert.Equal("Pyongyang", delivered.Partner);
        var balance = Assert.Single(Funded(delivered).Funds);
        Assert.Equal(new FundBalance(Fund, CurrencyCode.Parse("KRW"), 100_000_000, 40_000_000), balance);
    }

    [Fact]
    public void Nothing_is_delivered_before_approval()
    {
        var allocatedOnly = Concept(Cleared, PyongyangContact, new FundsAllocated(Fund, M(100, "KRW"), D("2018")));
        Assert.Contains("approved", Refused(() => PeaceProgramDecisions.Decide(allocatedOnly, Delivery(10))).Message);
    }

    [Fact]
    public void Nothing_is_delivered_before_an_allocation()
    {
        Assert.Contains("allocated", Refused(() => PeaceProgramDecisions.Decide(ApprovedProgram(), Delivery(0))).Message);
    }

    [Fact]
    public void Nothing_is_delivered_while_suspended()
    {
        var suspended = Funded(new ProgramSuspended(SuspensionReason.Sanctions, D("2019-02"), null));
        Assert.Contains("suspended", Refused(() => PeaceProgramDecisions.Decide(suspended, Delivery(10))).Message);

        var resumed = Funded(new ProgramSuspended(SuspensionReason.Sanctions, D("2019-02"), null), new ProgramResumed(D("2019-05"), null));
        Assert.Single(PeaceProgramDecisions.Decide(resumed, Delivery(10)));
    }

    [Fact]
    public void A_denied_contact_approval_blocks_delivery_to_that_partner_only()
    {
        var denied = Funded(new ContactApprovalDenied("Pyongyang", D("2019-01"), "no contact"));

        Assert.Contains("denied", Refused(() => PeaceProgramDecisions.Decide(denied, Delivery(10, partner: "Pyongyang"))).Message);
        Assert.Single(PeaceProgramDecisions.Decide(denied, Delivery(10, partner: "UNICEF")));
        Assert.Single(PeaceProgramDecisions.Decide(denied, Delivery(10, partner: null)));
    }

    [Fact]
    public void A_delivery_names_a_partner_of_the_program()
    {
        Refused(() => PeaceProgramDecisions.Decide(Funded(), Delivery(10, partner: "Kaesong")));
    }

    // ---- the spending cap, per fund and currency

    private static PeaceProgram MultiCurrency() => ApprovedProgram(
        new FundsAllocated(Fund, M(1_000_000, "KRW"), D("2019")),
        new FundsAllocated(Fund, M(500, "USD"), D("2019")),
        new FundsAllocated("Seoul Disaster Relief", M(200, "USD"), D("2019")),
        new FundsAllocated(Fund, M(250_000, "KRW"), D("2019-06")),     // allocations add up: 1,250,000 KRW
        new DeliveryRecorded(DeliveryKind.AidShipment, "rice", Fund, M(1_000_000, "KRW"), D("2019-07"), "Pyongyang"),
        new DeliveryRecorded(DeliveryKind.EducationSession, "session", Fund, M(300, "USD"), D("2019-08"), null));

    public static TheoryData<string, decimal, string, bool> SpendingCases => new()
    {
        // fund, amount, currency, allowed
        { Fund, 250_000, "KRW", true },                  // exactly what is left
        { Fund, 250_001, "KRW", false },                 // one won over
        { Fund, 200, "USD", true },                      // the USD allocation of the same fund is separate
        { Fund, 201, "USD", false },
        { "Seoul Disaster Relief", 200, "USD", true },   // another fund's USD
        { "seoul disaster relief", 200.01m, "USD", false },
        { "Seoul Disaster Relief", 1, "KRW", false },    // nothing allocated from that fund in KRW
        { Fund, 1, "EUR", false },                       // nor in EUR: currencies are never converted
        { "Unknown Fund", 1, "USD", false },
        { Fund, 0, "KRW", true },                        // a delivery that cost nothing
    };

    [Theory]
    [MemberData(nameof(SpendingCases))]
    public void Spending_never_exceeds_the_allocation_per_fund_and_currency(string fund, decimal amount, string currency, bool allowed)
    {
        var program = MultiCurrency();
        var command = Delivery(amount, currency, fund, partner: null);

        if (!allowed)
        {
            Refused(() => PeaceProgramDecisions.Decide(program, command));
            return;
        }
        var after = PeaceProgram.Fold(program, Single<DeliveryRecorded>(PeaceProgramDecisions.Decide(program, command)))!;
        Assert.All(after.Funds, f => Assert.True(f.Spent <= f.Allocated, $"{f.Fund} {f.Currency}: {f.Spent} > {f.Allocated}"));
    }

    [Fact]
    public void Balances_are_kept_per_fund_and_currency()
    {
        var funds = MultiCurrency().Funds.Select(f => (f.Fund, f.Currency.Value, f.Allocated, f.Spent));

        Assert.Equal([
            (Fund, "KRW", 1_250_000m, 1_000_000m),
            (Fund, "USD", 500m, 300m),
            ("Seoul Disaster Relief", "USD", 200m, 0m),
        ], funds);
    }

    [Fact]
    public void The_delivery_records_the_funds_spelling_as_allocated()
    {
        var delivered = Single<DeliveryRecorded>(PeaceProgramDecisions.Decide(MultiCurrency(), Delivery(1, "USD", "seoul DISASTER relief", null)));
        Assert.Equal("Seoul Disaster Relief", delivered.Fund);
    }

    // ---- suspension and resumption

    [Fact]
    public void A_suspension_keeps_its_reason_and_a_resumption_returns_to_where_the_program_was()
    {
        var suspended = PeaceProgram.Fold(Concept(), Single<ProgramSuspended>(PeaceProgramDecisions.Decide(Concept(),
            new SuspendProgram(SuspensionReason.Political, D("2016-11"), "inter-Korean relations frozen"))))!;
        Assert.Equal(ProgramStatus.Suspended, suspended.Status);
        Assert.Equal(SuspensionReason.Political, suspended.CurrentSuspension!.Reason);

        var resumed = PeaceProgram.Fold(suspended, Single<ProgramResumed>(PeaceProgramDecisions.Decide(suspended, new ResumeProgram(D("2018")))))!;
        Assert.Equal(ProgramStatus.Concept, resumed.Status);
        Assert.Null(resumed.CurrentSuspension);
        Assert.Equal(D("2018"), Assert.Single(resumed.Suspensions).ResumedOn);

        var approvedThenSuspended = ApprovedProgram(new ProgramSuspended(SuspensionReason.Pandemic, D("2020-02"), null));
        Assert.Equal(ProgramStatus.Approved, PeaceProgram.Fold(approvedThenSuspended, new ProgramResumed(D("2022"), null))!.Status);
    }

    [Fact]
    public void A_program_is_not_suspended_twice_nor_resumed_unless_suspended()
    {
        Refused(() => PeaceProgramDecisions.Decide(Concept(new ProgramSuspended(SuspensionReason.Security, D("2017"), null)),
            new SuspendProgram(SuspensionReason.Political, D("2018"))));
        Refused(() => PeaceProgramDecisions.Decide(Concept(), new ResumeProgram(D("2018"))));
    }

    [Fact]
    public void A_program_cannot_resume_before_it_was_suspended()
    {
        Refused(() => PeaceProgramDecisions.Decide(Concept(new ProgramSuspended(SuspensionReason.Security, D("2017-05"), null)), new ResumeProgram(D("2017-04"))));
        Assert.Single(PeaceProgramDecisions.Decide(Concept(new ProgramSuspended(SuspensionReason.Security, D("2017-05"), null)), new ResumeProgram(D("2017"))));
    }

    // ---- bids

    [Fact]
    public void A_hosting_bid_is_submitted_once_and_decided_once()
    {
        var olympics = Given(PyongyangConcept with { Area = ProgramArea.Sports });
        var submitted = Single<BidSubmitted>(PeaceProgramDecisions.Decide(olympics, new SubmitBid("2032 Summer Olympics", "IOC", D("2021-04-01"))));
        olympics = PeaceProgram.Fold(olympics, submitted)!;
        Refused(() => PeaceProgramDecisions.Decide(olympics, new SubmitBid("2036 Summer Olympics", "IOC", D("2022"))));

        var lost = Single<BidOutcomeRecorded>(PeaceProgramDecisions.Decide(olympics, new RecordBidOutcome(BidOutcome.Lost, null, "Brisbane")));
        olympics = PeaceProgram.Fold(olympics, lost)!;
        Assert.Equal(new Bid("2032 Summer Olympics", "IOC", D("2021-04-01"), BidOutcome.Lost, null, "Brisbane"), olympics.Bid);
        Refused(() => PeaceProgramDecisions.Decide(olympics, new RecordBidOutcome(BidOutcome.Won)));
    }

    [Fact]
    public void No_bid_outcome_without_a_bid_nor_before_it_was_submitted()
    {
        Refused(() => PeaceProgramDecisions.Decide(Concept(), new RecordBidOutcome(BidOutcome.Lost)));
        var submitted = Concept(new BidSubmitted("2032 Summer Olympics", "IOC", D("2021-04")));
        Refused(() => PeaceProgramDecisions.Decide(submitted, new RecordBidOutcome(BidOutcome.Lost, D("2021-03"))));
    }

    // ---- agreements

    [Fact]
    public void An_agreement_is_signed_once_per_partner()
    {
        var signed = Single<PartnerAgreementSigned>(PeaceProgramDecisions.Decide(ApprovedProgram(), new SignPartnerAgreement("unicef", D("2019"), "MoU")));
        Assert.Equal(new PartnerAgreementSigned("UNICEF", D("2019"), "MoU"), signed);
        Refused(() => PeaceProgramDecisions.Decide(ApprovedProgram(signed), new SignPartnerAgreement("UNICEF", D("2020"))));
        Refused(() => PeaceProgramDecisions.Decide(ApprovedProgram(), new SignPartnerAgreement("Kaesong", D("2020"))));
    }

    // ---- completion, cancellation, evaluation

    [Fact]
    public void Only_an_approved_program_that_is_not_suspended_is_completed()
    {
        Refused(() => PeaceProgramDecisions.Decide(Concept(), new CompleteProgram(D("2019"))));
        Refused(() => PeaceProgramDecisions.Decide(ApprovedProgram(new ProgramSuspended(SuspensionReason.Political, D("2019"), null)), new CompleteProgram(D("2019"))));
        Assert.Equal(ProgramStatus.Completed, ApprovedProgram(Single<ProgramCompleted>(PeaceProgramDecisions.Decide(ApprovedProgram(), new CompleteProgram(D("2019"))))).Status);
    }

    [Fact]
    public void Nothing_changes_a_closed_program_but_an_evaluation()
    {
        var completed = Funded(new ProgramCompleted(D("2019"), null));
        var cancelled = Concept(new ProgramCancelled(D("2019"), "no longer possible"));
        foreach (var closed in new[] { completed, cancelled })
        {
            Refused(() => PeaceProgramDecisions.Decide(closed, Delivery(1)));
            Refused(() => PeaceProgramDecisions.Decide(closed, new AllocateFunds(Fund, M(1, "KRW"), D("2020"))));
            Refused(() => PeaceProgramDecisions.Decide(closed, new SuspendProgram(SuspensionReason.Political, D("2020"))));
            Refused(() => PeaceProgramDecisions.Decide(closed, new CancelProgram(D("2020"), "again")));
            Assert.Single(PeaceProgramDecisions.Decide(closed, new EvaluateProgram(D("2020"), EvaluationRating.Successful, "delivered")));
        }
    }

    [Fact]
    public void A_concept_is_not_evaluated()
    {
        Refused(() => PeaceProgramDecisions.Decide(Concept(), new EvaluateProgram(D("2020"), EvaluationRating.Successful, "too early")));
    }

    // ---- inputs

    [Fact]
    public void Amounts_must_be_positive_to_allocate_and_not_negative_to_spend()
    {
        Assert.Equal("amount.amount", Assert.Single(new AllocateFunds(Fund, M(0, "KRW"), D("2019")).Validate()).Field);
        Assert.Equal("spent.amount", Assert.Single(Delivery(-1).Validate()).Field);
        Assert.Empty(Delivery(0).Validate());
        Assert.Equal("fund", Assert.Single((Delivery(1) with { Fund = "" }).Validate()).Field);
    }

    // ---- the whole story, folded

    [Fact]
    public void The_mexico_city_relief_goes_from_concept_to_completion()
    {
        var program = Given(MexicoConcept);
        foreach (var decide in new Func<PeaceProgram, IPeaceProgramEvent[]>[]
        {
            p => PeaceProgramDecisions.Decide(p, new AssessRisk(RiskLevel.Low, SanctionsScreening.Cleared, D("2017"))),
            p => PeaceProgramDecisions.Decide(p, new ApproveProgram(D("2017"))),
            p => PeaceProgramDecisions.Decide(p, new AllocateFunds("Seoul disaster relief", M(50_000, "USD"), D("2017"))),
            p => PeaceProgramDecisions.Decide(p, new RecordDelivery(DeliveryKind.Grant, "relief", "Seoul disaster relief", M(50_000, "USD"), D("2017"), "Mexico City")),
            p => PeaceProgramDecisions.Decide(p, new CompleteProgram(D("2017"))),
        })
            program = decide(program).Aggregate((PeaceProgram?)program, PeaceProgram.Fold)!;

        Assert.Equal(ProgramStatus.Completed, program.Status);
        Assert.Equal(new FundBalance("Seoul disaster relief", CurrencyCode.Parse("USD"), 50_000, 50_000), Assert.Single(program.Funds));
    }
}
