using Diplomacy.Portfolio.Cities;
using Diplomacy.Portfolio.Views;
using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Portfolio.Goals;

public sealed record GoalProgress(Goal Goal, int Current, double Share, bool OnTrack);

/// <summary>The strategy's goals: the portfolio's only writes, through the same command pipeline as every initiative.</summary>
public static class GoalEndpoints
{
    public static void MapGoals(this IEndpointRouteBuilder app)
    {
        var goals = app.MapGroup("/api/portfolio/goals").WithTags("Goals");
        goals.MapCreate<Goal, SetGoal>(GoalDecisions.Decide);
        goals.MapCommand<Goal, ReviseGoal>("revision", GoalDecisions.Decide);
        goals.MapCommand<Goal, AchieveGoal>("achievement", GoalDecisions.Decide);
        goals.MapCommand<Goal, DropGoal>("drop", GoalDecisions.Decide);
        goals.MapGetState<Goal>();
        goals.MapGet("", List).WithName("ListGoals").Produces<Page<GoalProgress>>().ProducesValidationProblem();
    }

    private static async Task<IResult> List(int? page, int? pageSize, IQuerySession session, CityAtlas atlas, TimeProvider clock, CancellationToken ct)
    {
        var errors = Paging.Validate(page, pageSize).ToList();
        if (errors.Count > 0) return Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors));
        var (number, size) = (page ?? 1, pageSize ?? 50);
        var paged = await Marten.Pagination.PagedListQueryableExtensions.ToPagedListAsync(session.Query<Goal>().OrderBy(g => g.Id), number, size, ct);
        var ledger = await Ledger.LoadAsync(session, atlas, null, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var items = paged.Select(g => Progress(g, Indicators.Value(ledger, g.Indicator), today)).ToList();
        return PooledJson.Of(new Page<GoalProgress>(items, number, size, paged.TotalItemCount));
    }

    /// <summary>
    /// On track: the target reached, or the share of it reached at least the share of the time gone from the goal's
    /// first day (its creation) to the deadline's last day. An achieved goal is on track; a dropped one is not.
    /// </summary>
    public static GoalProgress Progress(Goal goal, int current, DateOnly today, DateOnly? setOn = null)
    {
        var share = Math.Round(Math.Min(1.0, (double)current / goal.Target), 4);
        var start = setOn ?? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(goal.Id.ToUnixMilliseconds()).UtcDateTime);
        var end = goal.Deadline.Latest;
        var elapsed = end <= start ? 1.0 : Math.Clamp((double)(today.DayNumber - start.DayNumber) / (end.DayNumber - start.DayNumber), 0, 1);
        var onTrack = goal.Status switch
        {
            GoalStatus.Achieved => true,
            GoalStatus.Dropped => false,
            _ => current >= goal.Target || (today <= end && share >= elapsed),
        };
        return new GoalProgress(goal, current, share, onTrack);
    }
}

file static class GuidTime
{
    /// <summary>The creation time a version 7 UUID carries in its first 48 bits.</summary>
    public static long ToUnixMilliseconds(this Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        return ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
    }
}
