namespace Diplomacy.ServiceDefaults.Domain;

/// <summary>
/// A command the current state does not allow. Decisions throw it; the HTTP edge answers 409.
/// </summary>
public sealed class RuleViolation(string message) : Exception(message);

/// <summary>Guards that read like the rules they enforce, worded the same way in every service.</summary>
public static class Rule
{
    public static void Require(bool condition, string message)
    {
        if (!condition) throw new RuleViolation(message);
    }

    /// <summary>An initiative that ended for good (closed, cancelled, terminated, lost...) takes no more commands.</summary>
    /// <param name="how">How it ended, as a sentence without its full stop: "The tie was terminated on 2018".</param>
    public static void RequireNotFinished(bool finished, string how) =>
        Require(!finished, $"{how}; nothing can change it any more.");

    /// <summary>A suspended initiative takes only the commands that resume or end it.</summary>
    /// <param name="what">What is suspended, with its article: "The exchange".</param>
    /// <param name="then">What to do instead: "resume it first".</param>
    public static void RequireNotSuspended(bool suspended, string what, PartialDate? since, string then = "resume it first") =>
        Require(!suspended, $"{what} is suspended since {since}; {then}.");
}

public static class TextExtensions
{
    /// <summary>Optional free text as it is kept: trimmed, and null when blank.</summary>
    public static string? TrimOrNull(this string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
