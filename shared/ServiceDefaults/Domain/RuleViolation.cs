namespace Diplomacy.ServiceDefaults.Domain;

/// <summary>
/// A command the current state does not allow. Decisions throw it; the HTTP edge answers 409.
/// </summary>
public sealed class RuleViolation(string message) : Exception(message);

/// <summary>Guards that read like the rules they enforce, worded the same way in every service (suspension: <see cref="SuspensionRules"/>).</summary>
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
}

public static class TextExtensions
{
    /// <summary>Optional free text as it is kept: trimmed, and null when blank.</summary>
    public static string? TrimOrNull(this string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
