using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Portfolio.Goals;

/// <summary>The goal's rules: pure, state and command in, events out, or a <see cref="RuleViolation"/>.</summary>
public static class GoalDecisions
{
    public static IGoalEvent[] Decide(SetGoal c) => [new GoalSet(c.Title.Trim(), c.Indicator, c.Target, c.Deadline)];

    public static IGoalEvent[] Decide(Goal goal, ReviseGoal c)
    {
        Open(goal, "revised");
        if (goal.Title == c.Title.Trim() && goal.Target == c.Target && goal.Deadline == c.Deadline)
            throw new RuleViolation("The revision changes nothing: title, target and deadline are as they are.");
        return [new GoalRevised(c.Title.Trim(), c.Target, c.Deadline, c.Reason)];
    }

    public static IGoalEvent[] Decide(Goal goal, AchieveGoal c)
    {
        Open(goal, "achieved");
        return [new GoalAchieved(c.AchievedOn, c.Note)];
    }

    public static IGoalEvent[] Decide(Goal goal, DropGoal c)
    {
        Open(goal, "dropped");
        return [new GoalDropped(c.DroppedOn, c.Reason)];
    }

    private static void Open(Goal goal, string what)
    {
        if (goal.Status != GoalStatus.Open)
            throw new RuleViolation($"The goal is {JsonFilter.Text(goal.Status)}; only an open goal can be {what}.");
    }
}
