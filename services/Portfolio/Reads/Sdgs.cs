using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.Reads;

public sealed record SdgCoverage(
    int Goal, IReadOnlyList<InitiativeRef> Policies, IReadOnlyList<InitiativeRef> Exchanges, IReadOnlyList<InitiativeRef> Adoptions,
    IReadOnlyList<InitiativeRef> PeacePrograms, IReadOnlyList<InitiativeRef> ExportProjects);

/// <summary>For each of the 17 goals, the initiatives that serve it: through their policies' goals, or a program's own.</summary>
public static class Sdgs
{
    public static IReadOnlyList<SdgCoverage> Of(Ledger l) => [.. Enumerable.Range(1, 17).Select(goal => new SdgCoverage(
        goal,
        [.. l.Policies.Where(p => p.SdgGoals.Contains(goal)).Select(Refs.Of)],
        [.. l.Exchanges.Where(x => l.SdgsOf(x).Contains(goal)).Select(Refs.Of)],
        [.. l.Exchanges.Where(x => x.Outcomes.Any(o => Refs.Adopted(o.AdoptionLevel) && l.PolicyById.GetValueOrDefault(o.PolicyId)?.SdgGoals.Contains(goal) == true))
            .Select(Refs.Of)],
        [.. l.Programs.Where(p => p.SdgGoals.Contains(goal)).Select(Refs.Of)],
        [.. l.Projects.Where(p => l.PolicyOf(p)?.SdgGoals.Contains(goal) == true
            || (p.ExchangeId is { } e && l.Exchanges.FirstOrDefault(x => x.ExchangeId == e) is { } x && l.SdgsOf(x).Contains(goal))).Select(Refs.Of)]))];
}
