using Diplomacy.Exports.Projects;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Exports.Tests.Decisions;

public class ExportProjectDecisionTests
{
    private static PartialDate D(string text) => PartialDate.Parse(text);
    private static Money M(decimal amount, string currency) => new(amount, CurrencyCode.Parse(currency));

    private static readonly LeadIdentified BogotaLead = new(
        "Fare collection and fleet control", "Bogota", CountryCode.Parse("CO"), LeadOrigin.MultilateralBank, D("2010"));

    private static ExportProject Given(params IExportProjectEvent[] events) => Aggregate.Fold<ExportProject>(events)!;
    private static ExportProject Lead(params IExportProjectEvent[] later) => Given([BogotaLead, .. later]);
    private static ExportProject Proposed(params IExportProjectEvent[] later) => Lead([new ProposalSubmitted(M(176_000_000, "USD"), D("2011-03"), null), .. later]);
    private static ExportProject Contracted(params IExportProjectEvent[] later) =>
        Proposed([new ContractSigned(M(176_000_000, "USD"), D("2011-07"), null, [new("LG CNS", "lead")]), .. later]);
    private static FinancingSourceAdded Financing(FinancingSource source, decimal amount, string currency,
        FinancingInstrument instrument = FinancingInstrument.Loan, bool committed = true) =>
        new(source, instrument, M(amount, currency), committed, null, null);
    private static ExportProject FullyFinanced(params IExportProjectEvent[] later) => Contracted([
        Financing(FinancingSource.Ifc, 55_000_000, "USD"),
        Financing(FinancingSource.Kexim, 62_000_000, "USD"),
        Financing(FinancingSource.PrivateConcession, 59_000_000, "USD", FinancingInstrument.Other), .. later]);
    private static ExportProject InImplementation(params IExportProjectEvent[] later) => FullyFinanced([new MilestoneReached("Design", 20, D("2011-10")), .. later]);
    private static ExportProject HandedOver(params IExportProjectEvent[] later) => InImplementation([new SystemHandedOver(D("2012-06")), .. later]);
    private static ExportProject Closed() => HandedOver(new DefectsPeriodEnded(D("2014-06")));

    private static T Single<T>(object[] events) => Assert.IsType<T>(Assert.Single(events));
    private static RuleViolation Rejects(Action decide) => Assert.Throws<RuleViolation>(decide);

    // ---- lead

    [Fact]
    public void Identifying_a_lead_opens_it_at_the_lead_stage()
    {
        var lead = Single<LeadIdentified>(ExportProjectDecisions.Decide(new IdentifyLead(
            " Fare collection and fleet control ", " Bogota ", CountryCode.Parse("CO"), LeadOrigin.MultilateralBank, D("2010"))));

        Assert.Equal(BogotaLead, lead);
        var project = Given(lead);
        Assert.Equal(ExportStatus.Lead, project.Status);
        Assert.Equal("CO", project.ClientCountry.Value);
        Assert.Null(project.ExchangeId);
        Assert.False(project.IsTerminal);
    }

    public static TheoryData<IdentifyLead, string> InvalidLeads
    {
        get
        {
            var valid = new IdentifyLead("Transit card", "Lima", CountryCode.Parse("PE"), LeadOrigin.OdaChallenge, D("2024"));
            return new()
            {
                { valid with { Solution = " " }, "solution" },
                { valid with { ClientCity = "" }, "clientCity" },
                { valid with { ClientCountry = default }, "clientCountry" },
                { valid with { Origin = 0 }, "origin" },
                { valid with { Origin = LeadOrigin.PolicySharing }, "exchangeId" },
                { valid with { ExchangeId = Guid.NewGuid() }, "exchangeId" },
                { valid with { PolicyId = Guid.NewGuid() }, "policyId" },
                { valid with { EstimatedValue = M(-1, "KRW") }, "estimatedValue.amount" },
                { valid with { Note = new string('x', 501) }, "note" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(InvalidLeads))]
    public void An_invalid_lead_names_the_wrong_field(IdentifyLead command, string field) =>
        Assert.Equal(field, Assert.Single(command.Validate()).Field);

    [Fact]
    public void A_lead_from_policy_sharing_names_its_exchange()
    {
        var exchange = Guid.NewGuid();
        var command = new IdentifyLead("Transit card", "Ulaanbaatar", CountryCode.Parse("MN"), LeadOrigin.PolicySharing, D("2014"), exchange);
        Assert.Empty(command.Validate());
        Assert.Equal(exchange, Given(ExportProjectDecisions.Decide(command)).ExchangeId);
    }

    [Fact]
    public void The_lead_of_an_exchange_has_one_stream_id_per_exchange()
    {
        var exchange = Guid.NewGuid();
        Assert.Equal(ExportProject.LeadIdFor(exchange), ExportProject.LeadIdFor(exchange));
        Assert.NotEqual(ExportProject.LeadIdFor(exchange), ExportProject.LeadIdFor(Guid.NewGuid()));
    }

    // ---- rule: no contract without a submitted proposal

    public static TheoryData<string> StagesWithoutProposal => ["lead", "qualified", "feasibility"];

    [Theory]
    [MemberData(nameof(StagesWithoutProposal))]
    public void No_contract_can_be_signed_without_a_submitted_proposal(string stage)
    {
        var project = stage switch
        {
            "lead" => Lead(),
            "qualified" => Lead(new LeadQualified(D("2010-06"), null)),
            _ => Lead(new FeasibilityStudyCommissioned(StudyKind.Feasibility, D("2010-08"), null)),
        };
        var rejected = Rejects(() => ExportProjectDecisions.Decide(project, new SignContract(M(1, "USD"), D("2011-07"))));
        Assert.Contains("without a submitted proposal", rejected.Message);
    }

    [Fact]
    public void A_contract_is_signed_after_a_proposal_or_a_preferred_bidder_selection()
    {
        var sign = new SignContract(M(176_000_000, "USD"), D("2011-07"), D("2021-07"), [new(" LG CNS ", " lead ")]);

        var signed = Single<ContractSigned>(ExportProjectDecisions.Decide(Proposed(), sign));
        Assert.Equal([new ConsortiumMember("LG CNS", "lead")], signed.Consortium);
        var project = Proposed(signed);
        Assert.Equal(ExportStatus.Contracted, project.Status);
        Assert.Equal(M(176_000_000, "USD"), project.Value);

        var afterBidder = Proposed(new PreferredBidderSelected(D("2011-05"), null));
        Assert.Single(ExportProjectDecisions.Decide(afterBidder, sign));
    }

    [Fact]
    public void A_contract_is_signed_once()
    {
        Rejects(() => ExportProjectDecisions.Decide(Contracted(), new SignContract(M(1, "USD"), D("2012"))));
    }

    // ---- rule: committed financing covers the contract value, per currency, before implementation starts

    public static TheoryData<string, IExportProjectEvent[], bool> FinancingCases => new()
    {
        { "nothing committed", [], false },
        { "exactly covered by three lenders in USD", [
            Financing(FinancingSource.Ifc, 55_000_000, "USD"),
            Financing(FinancingSource.Kexim, 62_000_000, "USD"),
            Financing(FinancingSource.PrivateConcession, 59_000_000, "USD", FinancingInstrument.Equity)], true },
        { "more than covered", [Financing(FinancingSource.ClientFunded, 200_000_000, "USD", FinancingInstrument.ClientPayment)], true },
        { "short by one dollar", [
            Financing(FinancingSource.Ifc, 55_000_000, "USD"),
            Financing(FinancingSource.Kexim, 120_999_999, "USD")], false },
        { "covered only if KRW were converted", [
            Financing(FinancingSource.Ifc, 100_000_000, "USD"),
            Financing(FinancingSource.SmgOda, 500_000_000_000, "KRW", FinancingInstrument.Grant)], false },
        { "covered only if EUR and KRW were converted", [
            Financing(FinancingSource.WorldBank, 100_000_000, "EUR"),
            Financing(FinancingSource.Edcf, 1_000_000_000_000, "KRW", FinancingInstrument.ConcessionalLoan)], false },
        { "USD covered, other currencies beside it", [
            Financing(FinancingSource.Ifc, 176_000_000, "USD"),
            Financing(FinancingSource.SmgOda, 2_100_000_000, "KRW", FinancingInstrument.Grant),
            Financing(FinancingSource.Adb, 5_000_000, "EUR")], true },
        { "covered only if indicative money counted", [
            Financing(FinancingSource.Ifc, 100_000_000, "USD"),
            Financing(FinancingSource.Kexim, 76_000_000, "USD", committed: false)], false },
        { "covered only if a guarantee counted", [
            Financing(FinancingSource.Ifc, 100_000_000, "USD"),
            Financing(FinancingSource.Kexim, 76_000_000, "USD", FinancingInstrument.Guarantee)], false },
    };

    [Theory]
    [MemberData(nameof(FinancingCases))]
    public void Implementation_starts_only_when_committed_financing_covers_the_contract_value_in_its_currency(
        string @case, IExportProjectEvent[] financing, bool covered)
    {
        var project = Contracted(financing);
        var milestone = new ReachMilestone("Design approved", 10, D("2011-10"));
        var handover = new HandOverSystem(D("2012-06"));

        if (covered)
        {
            Assert.Single(ExportProjectDecisions.Decide(project, milestone));
            Assert.Single(ExportProjectDecisions.Decide(project, handover));
        }
        else
        {
            var rejected = Rejects(() => ExportProjectDecisions.Decide(project, milestone));
            Assert.Contains("must cover the contract value", rejected.Message);
            Rejects(() => ExportProjectDecisions.Decide(project, handover));
        }
        Assert.NotNull(@case);
    }

    [Fact]
    public void Committed_financing_is_totalled_per_currency_and_never_converted()
    {
        var project = Lead(
            Financing(FinancingSource.Ifc, 55, "USD"),
            Financing(FinancingSource.SmgOda, 2_100, "KRW", FinancingInstrument.Grant),
            Financing(FinancingSource.Kexim, 62, "USD"),
            Financing(FinancingSource.Kexim, 10, "USD", FinancingInstrument.Guarantee),
            Financing(FinancingSource.Adb, 7, "USD", committed: false));

        Assert.Equal([M(117, "USD"), M(2_100, "KRW")], project.CommittedFinancing);
        Assert.Equal(5, project.Financing.Count);
    }

    [Fact]
    public void The_coverage_refusal_says_which_currencies_were_not_converted()
    {
        var project = Contracted(Financing(FinancingSource.SmgOda, 2_100_000_000, "KRW", FinancingInstrument.Grant));
        var rejected = Rejects(() => ExportProjectDecisions.Decide(project, new ReachMilestone("Start", 1, D("2011-08"))));
        Assert.Contains("2100000000 KRW", rejected.Message);
        Assert.Contains("never converted", rejected.Message);
    }

    [Fact]
    public void Financing_is_added_until_the_project_is_over()
    {
        Assert.Single(ExportProjectDecisions.Decide(Lead(), new AddFinancingSource(FinancingSource.Koica, FinancingInstrument.Grant, M(1, "USD"))));
        Assert.True(Single<FinancingSourceAdded>(ExportProjectDecisions.Decide(Lead(),
            new AddFinancingSource(FinancingSource.Koica, FinancingInstrument.Grant, M(1, "USD")))).Committed);
        Rejects(() => ExportProjectDecisions.Decide(Closed(), new AddFinancingSource(FinancingSource.Koica, FinancingInstrument.Grant, M(1, "USD"))));
    }

    // ---- rule: percent complete never goes down

    public static TheoryData<int, int, bool> PercentCases => new()
    {
        { 20, 40, true },
        { 20, 20, true },
        { 20, 100, true },
        { 20, 19, false },
        { 20, 0, false },
    };

    [Theory]
    [MemberData(nameof(PercentCases))]
    public void Percent_complete_never_goes_down(int current, int next, bool allowed)
    {
        var project = FullyFinanced(new MilestoneReached("Design", current, D("2011-10")));
        var command = new ReachMilestone("Next", next, D("2012-01"));
        if (allowed)
        {
            var reached = Single<MilestoneReached>(ExportProjectDecisions.Decide(project, command));
            Assert.Equal(next, ExportProject.Fold(project, reached)!.PercentComplete);
        }
        else Assert.Contains("never goes down", Rejects(() => ExportProjectDecisions.Decide(project, command)).Message);
    }

    [Fact]
    public void The_first_milestone_starts_implementation()
    {
        var project = InImplementation();
        Assert.Equal(ExportStatus.Implementation, project.Status);
        Assert.Equal(20, project.PercentComplete);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_percentage_outside_0_to_100_is_invalid(int percent) =>
        Assert.Equal("percentComplete", Assert.Single(new ReachMilestone("x", percent, D("2012")).Validate()).Field);

    // ---- rule: no payments after the project is closed

    public static TheoryData<string, bool> PaymentCases => new()
    {
        { "lead", false },
        { "contracted", true },
        { "implementation", true },
        { "handedOver", true },
        { "suspended", true },
        { "closed", false },
        { "lost", false },
        { "cancelled", false },
    };

    [Theory]
    [MemberData(nameof(PaymentCases))]
    public void Payments_are_received_under_a_contract_and_never_after_the_project_is_closed(string stage, bool allowed)
    {
        var project = stage switch
        {
            "lead" => Lead(),
            "contracted" => Contracted(),
            "implementation" => InImplementation(),
            "handedOver" => HandedOver(),
            "suspended" => InImplementation(new ExportSuspended(D("2012"), "elections")),
            "closed" => Closed(),
            "lost" => Lead(new ExportLost(D("2011"), "another bidder", "someone")),
            _ => Contracted(new ExportCancelled(D("2012"), "budget cut")),
        };
        var command = new ReceivePayment(M(10_000_000, "USD"), D("2014-07"));
        if (allowed) Assert.Single(ExportProjectDecisions.Decide(project, command));
        else Rejects(() => ExportProjectDecisions.Decide(project, command));
    }

    [Fact]
    public void Payments_are_totalled_per_currency()
    {
        var project = Contracted(
            new PaymentReceived(M(10, "USD"), D("2012"), null),
            new PaymentReceived(M(5, "COP"), D("2012"), null),
            new PaymentReceived(M(7, "USD"), D("2013"), null));
        Assert.Equal([M(17, "USD"), M(5, "COP")], project.PaymentsReceived);
    }

    [Fact]
    public void A_closed_project_refuses_payments_saying_it_is_closed() =>
        Assert.Contains("after the project is closed",
            Rejects(() => ExportProjectDecisions.Decide(Closed(), new ReceivePayment(M(1, "USD"), D("2015")))).Message);

    // ---- the rest of the life cycle

    [Fact]
    public void A_project_goes_from_lead_to_closed()
    {
        var project = Lead();
        IExportProjectEvent[] Step(IExportProjectEvent[] events)
        {
            foreach (var e in events) project = ExportProject.Fold(project, e)!;
            return events;
        }
        Step(ExportProjectDecisions.Decide(project, new QualifyLead(D("2010-03"))));
        Assert.Equal(ExportStatus.Qualified, project.Status);
        Step(ExportProjectDecisions.Decide(project, new CommissionFeasibilityStudy(StudyKind.PreFeasibility, D("2010-04"))));
        Assert.Equal(ExportStatus.Feasibility, project.Status);
        Step(ExportProjectDecisions.Decide(project, new CompleteFeasibilityStudy(StudyKind.PreFeasibility, FeasibilityResult.Feasible, D("2010-09"))));
        Assert.Equal(FeasibilityResult.Feasible, Assert.Single(project.Studies).Result);
        Step(ExportProjectDecisions.Decide(project, new SubmitProposal(M(176, "USD"), D("2011-01"))));
        Step(ExportProjectDecisions.Decide(project, new SelectPreferredBidder(D("2011-04"))));
        Assert.Equal(ExportStatus.PreferredBidder, project.Status);
        Step(ExportProjectDecisions.Decide(project, new SignContract(M(176, "USD"), D("2011-07"))));
        Step(ExportProjectDecisions.Decide(project, new AddFinancingSource(FinancingSource.Ifc, FinancingInstrument.Loan, M(176, "USD"))));
        Step(ExportProjectDecisions.Decide(project, new ReachMilestone("Installed", 90, D("2012-01"))));
        Step(ExportProjectDecisions.Decide(project, new HandOverSystem(D("2012-06"))));
        Assert.Equal(ExportStatus.HandedOver, project.Status);
        Step(ExportProjectDecisions.Decide(project, new StartOperations(D("2012-07"))));
        Assert.Equal(ExportStatus.Operating, project.Status);
        Step(ExportProjectDecisions.Decide(project, new EndDefectsPeriod(D("2014-06"))));
        Assert.Equal(ExportStatus.Closed, project.Status);
        Assert.True(project.IsTerminal);
        Step(ExportProjectDecisions.Decide(project, new RecordPostEvaluation(EvaluationRating.Successful, D("2015"))));
        Assert.Equal(EvaluationRating.Successful, project.PostEvaluation!.Rating);
        var followOn = Guid.NewGuid();
        Step(ExportProjectDecisions.Decide(project, new LinkFollowOnProject(followOn)));
        Assert.Equal([followOn], project.FollowOnProjects);
    }

    [Fact]
    public void A_study_is_completed_only_when_one_of_its_kind_is_open()
    {
        Rejects(() => ExportProjectDecisions.Decide(Lead(), new CompleteFeasibilityStudy(StudyKind.Feasibility, FeasibilityResult.Feasible, D("2011"))));
        var open = Lead(new FeasibilityStudyCommissioned(StudyKind.Feasibility, D("2010-06"), null));
        Rejects(() => ExportProjectDecisions.Decide(open, new CommissionFeasibilityStudy(StudyKind.Feasibility, D("2010-07"))));
        Rejects(() => ExportProjectDecisions.Decide(open, new CompleteFeasibilityStudy(StudyKind.Feasibility, FeasibilityResult.Feasible, D("2010-05"))));
    }

    [Fact]
    public void Operations_start_only_after_handover_and_the_defects_period_ends_only_after_it()
    {
        Rejects(() => ExportProjectDecisions.Decide(InImplementation(), new StartOperations(D("2013"))));
        Rejects(() => ExportProjectDecisions.Decide(InImplementation(), new EndDefectsPeriod(D("2013"))));
        Assert.Single(ExportProjectDecisions.Decide(HandedOver(), new EndDefectsPeriod(D("2014"))));
    }

    [Fact]
    public void A_post_evaluation_needs_a_handover_and_is_recorded_once()
    {
        Rejects(() => ExportProjectDecisions.Decide(InImplementation(), new RecordPostEvaluation(EvaluationRating.Successful, D("2013"))));
        var evaluated = HandedOver(new PostEvaluationRecorded(EvaluationRating.Successful, D("2013"), null));
        Rejects(() => ExportProjectDecisions.Decide(evaluated, new RecordPostEvaluation(EvaluationRating.Unsuccessful, D("2014"))));
    }

    [Fact]
    public void A_follow_on_follows_a_signed_contract_and_is_linked_once()
    {
        var followOn = Guid.NewGuid();
        Rejects(() => ExportProjectDecisions.Decide(Lead(), new LinkFollowOnProject(followOn)));
        Rejects(() => ExportProjectDecisions.Decide(Contracted(new FollowOnProjectLinked(followOn, null)), new LinkFollowOnProject(followOn)));
        var self = Contracted();
        self.Id = Guid.NewGuid();
        Rejects(() => ExportProjectDecisions.Decide(self, new LinkFollowOnProject(self.Id)));
    }

    [Fact]
    public void A_project_is_lost_before_its_contract_and_cancelled_after()
    {
        Assert.Equal(ExportStatus.Lost, Lead(Single<ExportLost>(ExportProjectDecisions.Decide(Proposed(),
            new RecordLoss(D("2011"), "another bidder won")))).Status);
        Rejects(() => ExportProjectDecisions.Decide(Contracted(), new RecordLoss(D("2012"), "too late")));
        Assert.Single(ExportProjectDecisions.Decide(Contracted(), new CancelExport(D("2012"), "budget cut")));
        Rejects(() => ExportProjectDecisions.Decide(Contracted(new ExportCancelled(D("2012"), "cut")), new CancelExport(D("2013"), "again")));
    }

    [Fact]
    public void A_suspended_project_resumes_at_its_stage_and_accepts_nothing_else_but_cancellation_payments_and_financing()
    {
        var suspended = InImplementation(new ExportSuspended(D("2012-01"), "elections"));
        Assert.Equal(ExportStatus.Suspended, suspended.Status);
        Rejects(() => ExportProjectDecisions.Decide(suspended, new ReachMilestone("More", 50, D("2012-02"))));
        Rejects(() => ExportProjectDecisions.Decide(suspended, new SuspendExport(D("2012-02"), "again")));
        Rejects(() => ExportProjectDecisions.Decide(suspended, new ResumeExport(D("2011-12"))));
        Assert.Single(ExportProjectDecisions.Decide(suspended, new CancelExport(D("2012-03"), "gave up")));

        var resumed = ExportProject.Fold(suspended, Single<ExportResumed>(ExportProjectDecisions.Decide(suspended, new ResumeExport(D("2012-03")))))!;
        Assert.Equal(ExportStatus.Implementation, resumed.Status);
        Assert.Null(resumed.SuspendedFrom);
        Rejects(() => ExportProjectDecisions.Decide(resumed, new ResumeExport(D("2012-04"))));
    }

    [Fact]
    public void A_step_cannot_be_dated_before_the_step_it_follows()
    {
        Rejects(() => ExportProjectDecisions.Decide(Proposed(), new SignContract(M(1, "USD"), D("2010-12"))));
        Rejects(() => ExportProjectDecisions.Decide(InImplementation(), new HandOverSystem(D("2011-06"))));
        // Partial dates that may overlap are not "certainly before".
        Assert.Single(ExportProjectDecisions.Decide(Proposed(), new SignContract(M(1, "USD"), D("2011"))));
    }

    [Fact]
    public void Invalid_amounts_and_terms_name_their_field()
    {
        Assert.Equal("value.amount", Assert.Single(new SubmitProposal(M(0, "USD"), D("2011")).Validate()).Field);
        Assert.Equal("amount.amount", Assert.Single(new ReceivePayment(M(-5, "USD"), D("2011")).Validate()).Field);
        Assert.Equal("termEndsOn", Assert.Single(new SignContract(M(1, "USD"), D("2011-07"), D("2010")).Validate()).Field);
        Assert.Equal("consortium[0].firm", Assert.Single(new SignContract(M(1, "USD"), D("2011"), null, [new(" ", "lead")]).Validate()).Field);
    }
}
