using Diplomacy.Exports.Projects;
using static Diplomacy.Exports.Tests.Decisions.ExportProjectHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Exports.Tests.Decisions;

/// <summary>Reaching milestones, handing the system over, starting operations and ending the defects period.</summary>
public class ExportImplementationTests
{
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
        var decided = Given<ExportProject>(FullyFinanced(new MilestoneReached("Design", current, D("2011-10"))))
            .When(state => ExportProjectDecisions.Decide(state, new ReachMilestone("Next", next, D("2012-01"))));
        if (allowed) Assert.Equal(next, decided.Then(new MilestoneReached("Next", next, D("2012-01"))).PercentComplete);
        else decided.ThenRejected("never goes down");
    }

    [Fact]
    public void The_first_milestone_starts_implementation()
    {
        var project = Given<ExportProject>(InImplementation()).State;
        Assert.Equal(ExportStatus.Implementation, project.Status);
        Assert.Equal(20, project.PercentComplete);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_percentage_outside_0_to_100_is_invalid(int percent) =>
        Assert.Equal("percentComplete", Assert.Single(new ReachMilestone("x", percent, D("2012")).Validate()).Field);

    [Fact]
    public void Operations_start_only_after_handover_and_the_defects_period_ends_only_after_it()
    {
        Given<ExportProject>(InImplementation())
            .When(state => ExportProjectDecisions.Decide(state, new StartOperations(D("2013"))))
            .ThenRejected();
        Given<ExportProject>(InImplementation())
            .When(state => ExportProjectDecisions.Decide(state, new EndDefectsPeriod(D("2013"))))
            .ThenRejected();
        Given<ExportProject>(HandedOver())
            .When(state => ExportProjectDecisions.Decide(state, new EndDefectsPeriod(D("2014"))))
            .Then(new DefectsPeriodEnded(D("2014")));
    }
}
