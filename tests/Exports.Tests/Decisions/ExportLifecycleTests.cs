using Diplomacy.Exports.Projects;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.Exports.Tests.Decisions.ExportProjectHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Exports.Tests.Decisions;

/// <summary>The whole life of a project, its post-evaluation and follow-on, and losing, cancelling, suspending and resuming it.</summary>
public class ExportLifecycleTests
{
    [Fact]
    public void A_project_goes_from_lead_to_closed()
    {
        var project = Given<ExportProject>(Lead()).State;
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
    public void A_post_evaluation_needs_a_handover_and_is_recorded_once()
    {
        Given<ExportProject>(InImplementation())
            .When(state => ExportProjectDecisions.Decide(state, new RecordPostEvaluation(EvaluationRating.Successful, D("2013"))))
            .ThenRejected();
        Given<ExportProject>(HandedOver(new PostEvaluationRecorded(EvaluationRating.Successful, D("2013"), null)))
            .When(state => ExportProjectDecisions.Decide(state, new RecordPostEvaluation(EvaluationRating.Unsuccessful, D("2014"))))
            .ThenRejected();
    }

    [Fact]
    public void A_follow_on_follows_a_signed_contract_and_is_linked_once()
    {
        var followOn = Guid.NewGuid();
        Given<ExportProject>(Lead())
            .When(state => ExportProjectDecisions.Decide(state, new LinkFollowOnProject(followOn)))
            .ThenRejected();
        Given<ExportProject>(Contracted(new FollowOnProjectLinked(followOn, null)))
            .When(state => ExportProjectDecisions.Decide(state, new LinkFollowOnProject(followOn)))
            .ThenRejected();
        // The stream id is not part of the history: set it on the folded state.
        var self = Given<ExportProject>(Contracted()).State;
        self.Id = Guid.NewGuid();
        Assert.Throws<RuleViolation>(() => ExportProjectDecisions.Decide(self, new LinkFollowOnProject(self.Id)));
    }

    [Fact]
    public void A_project_is_lost_before_its_contract_and_cancelled_after()
    {
        var lost = Given<ExportProject>(Proposed())
            .When(state => ExportProjectDecisions.Decide(state, new RecordLoss(D("2011"), "another bidder won")))
            .Then(new ExportLost(D("2011"), "another bidder won", null));
        Assert.Equal(ExportStatus.Lost, lost.Status);
        Given<ExportProject>(Contracted())
            .When(state => ExportProjectDecisions.Decide(state, new RecordLoss(D("2012"), "too late")))
            .ThenRejected();
        Given<ExportProject>(Contracted())
            .When(state => ExportProjectDecisions.Decide(state, new CancelExport(D("2012"), "budget cut")))
            .Then(new ExportCancelled(D("2012"), "budget cut"));
        Given<ExportProject>(Contracted(new ExportCancelled(D("2012"), "cut")))
            .When(state => ExportProjectDecisions.Decide(state, new CancelExport(D("2013"), "again")))
            .ThenRejected();
    }

    [Fact]
    public void A_suspended_project_resumes_at_its_stage_and_accepts_nothing_else_but_cancellation_payments_and_financing()
    {
        var elections = new ExportSuspended(D("2012-01"), "elections");
        var suspended = Given<ExportProject>(InImplementation(elections));
        Assert.Equal(ExportStatus.Suspended, suspended.State.Status);
        suspended.When(state => ExportProjectDecisions.Decide(state, new ReachMilestone("More", 50, D("2012-02")))).ThenRejected();
        suspended.When(state => ExportProjectDecisions.Decide(state, new SuspendExport(D("2012-02"), "again"))).ThenRejected();
        suspended.When(state => ExportProjectDecisions.Decide(state, new ResumeExport(D("2011-12")))).ThenRejected();
        suspended.When(state => ExportProjectDecisions.Decide(state, new CancelExport(D("2012-03"), "gave up")))
            .Then(new ExportCancelled(D("2012-03"), "gave up"));

        var resumed = suspended.When(state => ExportProjectDecisions.Decide(state, new ResumeExport(D("2012-03"))))
            .Then(new ExportResumed(D("2012-03")));
        Assert.Equal(ExportStatus.Implementation, resumed.Status);
        Assert.Null(resumed.SuspendedFrom);
        Given<ExportProject>(InImplementation(elections, new ExportResumed(D("2012-03"))))
            .When(state => ExportProjectDecisions.Decide(state, new ResumeExport(D("2012-04"))))
            .ThenRejected();
    }
}
