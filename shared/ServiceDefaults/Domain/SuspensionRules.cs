namespace Diplomacy.ServiceDefaults.Domain;

/// <summary>
/// The suspension bookkeeping every initiative that can be suspended shares (ties, exchanges, exports, programs): not
/// suspended twice, resumed only when suspended and never before it was, no other work while suspended, and how long
/// a suspension has lasted. Each aggregate keeps since when, why and what it resumes to in its own stored fields,
/// which are its stored and public shape; the rules about them are written once, here, and worded the same everywhere.
/// </summary>
/// <remarks><c>what</c> names the initiative without its article: "tie", "exchange", "project", "program".</remarks>
public static class SuspensionRules
{
    /// <summary>Suspending: an initiative is not suspended twice.</summary>
    public static void RequireNotYetSuspended(bool suspended, string what, PartialDate? since) =>
        Rule.Require(!suspended, $"The {what} is already suspended (since {since}).");

    /// <summary>Resuming: only a suspended initiative resumes, and never before it was suspended.</summary>
    public static void RequireResumable(bool suspended, string what, PartialDate? since, PartialDate resumedOn)
    {
        Rule.Require(suspended, $"Only a suspended {what} can be resumed.");
        Rule.Require(since is null || !resumedOn.IsCertainlyBefore(since),
            $"The {what} cannot resume before it was suspended ({since}).");
    }

    /// <summary>Any other command: a suspended initiative takes only the commands that resume or end it.</summary>
    /// <param name="why">The reason it was suspended, when it has one.</param>
    /// <param name="then">What to do instead: "resume it first".</param>
    public static void RequireNotSuspended(bool suspended, string what, PartialDate? since, string? why = null, string then = "resume it first") =>
        Rule.Require(!suspended, $"The {what} is suspended since {since}{(why is null ? "" : $" ({why})")}; {then}.");
}

/// <summary>
/// Days suspended: <see cref="Days"/> counted from the first day the start date can mean, <see cref="AtLeastDays"/>
/// from its last ("2016-11" began between the 1st and the 30th). Both are 0 for a start after today.
/// </summary>
public readonly record struct SuspensionLength(int Days, int AtLeastDays)
{
    /// <summary>How long a suspension that began <paramref name="since"/> has lasted by <paramref name="today"/>.</summary>
    public static SuspensionLength Of(PartialDate since, DateOnly today) => new(
        Math.Max(0, today.DayNumber - since.Earliest.DayNumber),
        Math.Max(0, today.DayNumber - since.Latest.DayNumber));
}
