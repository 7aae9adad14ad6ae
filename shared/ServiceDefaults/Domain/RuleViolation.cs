namespace Diplomacy.ServiceDefaults.Domain;

/// <summary>
/// A command the current state does not allow. Decisions throw it; the HTTP edge answers 409.
/// </summary>
public sealed class RuleViolation(string message) : Exception(message);

/// <summary>Guards that read like the rules they enforce.</summary>
public static class Rule
{
    public static void Require(bool condition, string message)
    {
        if (!condition) throw new RuleViolation(message);
    }
}
