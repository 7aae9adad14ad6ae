using Diplomacy.Portfolio.Goals;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Portfolio.Tests.Decisions;

public sealed class GoalDecisionTests
{
    private static readonly SetGoal Set = new("Ten active ties in Africa", new Indicator(Figure.ActivePartnerCities, Region: "africa"), 10, PartialDate.Parse("2030"));

    private static Goal Open() => Aggregate.Fold<Goal>(GoalDecisions.Decide(Set))!;

    [Fact]
    public void Setting_a_goal_opens_it() => Assert.Equal(GoalStatus.Open, Open().Status);

    [Fact]
    public void A_revision_that_changes_nothing_is_refused() =>
        Assert.Throws<RuleViolation>(() => GoalDecisions.Decide(Open(), new ReviseGoal(Set.Title, Set.Target, Set.Deadline)));

    [Fact]
    public void An_achieved_goal_can_be_neither_revised_nor_dropped()
    {
        var achieved = Aggregate.Fold<Goal>([.. GoalDecisions.Decide(Set), .. GoalDecisions.Decide(Open(), new AchieveGoal(PartialDate.Parse("2029")))])!;
        Assert.Equal(GoalStatus.Achieved, achieved.Status);
        Assert.Throws<RuleViolation>(() => GoalDecisions.Decide(achieved, new ReviseGoal("More", 12, Set.Deadline)));
        Assert.Throws<RuleViolation>(() => GoalDecisions.Decide(achieved, new DropGoal(PartialDate.Parse("2029"), "done")));
    }

    [Theory]
    [InlineData("mars", null, null, "indicator.region")]
    [InlineData(null, "210", null, "indicator.sector")]
    [InlineData(null, null, 18, "indicator.sdg")]
    public void A_bad_indicator_filter_names_its_field(string? region, string? sector, int? sdg, string field)
    {
        var command = Set with { Indicator = new Indicator(Figure.Adoptions, region, sector, sdg) };
        Assert.Contains(command.Validate(), e => e.Field == field);
    }

    [Fact]
    public void On_track_compares_the_share_reached_with_the_share_of_time_gone()
    {
        var goal = Open() with { Target = 10, Deadline = PartialDate.Parse("2030-12-31") };
        var start = new DateOnly(2026, 1, 1);
        var halfway = new DateOnly(2028, 7, 1);
        Assert.True(GoalEndpoints.Progress(goal, 6, halfway, start).OnTrack);
        Assert.False(GoalEndpoints.Progress(goal, 3, halfway, start).OnTrack);
        Assert.True(GoalEndpoints.Progress(goal, 10, new DateOnly(2031, 6, 1), start).OnTrack);
        Assert.False(GoalEndpoints.Progress(goal, 9, new DateOnly(2031, 6, 1), start).OnTrack);
    }
}
