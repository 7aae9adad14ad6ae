using Diplomacy.Portfolio.Cities;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Portfolio.Goals;

public sealed record SetGoal(string Title, Indicator Indicator, int Target, PartialDate Deadline) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.NotBlank(Title, "title"), .. GoalChecks.Indicator(Indicator), .. GoalChecks.Target(Target)];
}

public sealed record ReviseGoal(string Title, int Target, PartialDate Deadline, string? Reason = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() =>
        [.. Check.NotBlank(Title, "title"), .. GoalChecks.Target(Target), .. Check.MaxLength(Reason, "reason", 500)];
}

public sealed record AchieveGoal(PartialDate AchievedOn, string? Note = null) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.MaxLength(Note, "note", 500);
}

public sealed record DropGoal(PartialDate DroppedOn, string Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Reason, "reason", 500);
}

internal static class GoalChecks
{
    public static IEnumerable<FieldError> Target(int target) => Check.InRange(target, 1, 1_000_000, "target");

    public static IEnumerable<FieldError> Indicator(Indicator? indicator)
    {
        if (indicator is null) { yield return new("indicator", "Is required."); yield break; }
        foreach (var error in Check.Defined(indicator.Figure, "indicator.figure")) yield return error;
        if (indicator.Region is not null && !CityAtlas.Regions.Contains(indicator.Region))
            yield return new("indicator.region", $"Must be one of: {string.Join(", ", CityAtlas.Regions)}.");
        if (indicator.Sector is not null && !(indicator.Sector.Length == 5 && indicator.Sector.All(char.IsAsciiDigit)))
            yield return new("indicator.sector", "Must be an OECD DAC purpose code of 5 digits.");
        if (indicator.Sdg is < 1 or > 17) yield return new("indicator.sdg", "Must be an SDG goal from 1 to 17.");
        if (indicator.Instrument is { } instrument)
            foreach (var error in Check.Defined(instrument, "indicator.instrument")) yield return error;
    }
}
