using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.Reads;

/// <summary>The thresholds of the direction rules (<c>Directions__*</c>), with the numbers as defaults.</summary>
public sealed class DirectionThresholds
{
    public int DormantTieYears { get; set; } = 3;
    public int AdoptingCitiesForLead { get; set; } = 2;
    public int InitiativesWithoutTie { get; set; } = 2;
    public int RoleTermEndingMonths { get; set; } = 12;
    public int IdleNetworkYears { get; set; } = 3;
    public int SuspendedProgramMonths { get; set; } = 12;
}

public sealed record Finding(string Rule, string Threshold, string Subject, IReadOnlyList<InitiativeRef> Evidence, string Suggestion);

/// <summary>Where the city could head next: each rule states its threshold, its evidence and a one-line suggestion.</summary>
public static class Directions
{
    public static IReadOnlyList<Finding> Of(Ledger l, DirectionThresholds t, DateOnly today) =>
    [
        .. DormantTies(l, t, today), .. AdoptedNeverSold(l, t), .. CitiesWithoutTie(l, t), .. RolesEnding(l, t, today),
        .. IdleNetworks(l, t, today), .. UnsharedSdgs(l), .. LongSuspensions(l, t, today),
    ];

    private static IEnumerable<Finding> DormantTies(Ledger l, DirectionThresholds t, DateOnly today)
    {
        var since = today.AddYears(-t.DormantTieYears);
        foreach (var tie in l.Ties.Where(x => x.Status == "active"))
        {
            var key = l.KeyOf(tie);
            var recent = l.Exchanges.Where(x => l.KeyOf(x) == key).Select(x => (object)x)
                .Concat(l.Programs.Where(p => l.KeysOf(p).Contains(key))).Concat(l.Projects.Where(p => l.KeyOf(p) == key))
                .Where(f => LastActivity(l, f) >= since).ToList();
            if (recent.Count == 0)
                yield return new("dormantTie", $"no exchange, program or export for {t.DormantTieYears} years", key, [Refs.Of(tie)],
                    $"Revive the {tie.Tie} tie with {tie.City}: propose an exchange of a policy it could use.");
        }
    }

    private static IEnumerable<Finding> AdoptedNeverSold(Ledger l, DirectionThresholds t)
    {
        foreach (var policy in l.Policies)
        {
            var adopters = l.Exchanges.Where(x => x.Outcomes.Any(o => o.PolicyId == policy.PolicyId && Refs.Adopted(o.AdoptionLevel))).ToList();
            var cities = adopters.Select(l.KeyOf).Distinct().Count();
            var leads = l.Projects.Any(p => p.PolicyId == policy.PolicyId || adopters.Any(x => x.ExchangeId == p.ExchangeId));
            if (cities >= t.AdoptingCitiesForLead && !leads)
                yield return new("adoptedNeverSold", $"adopted by {t.AdoptingCitiesForLead} or more cities, no export lead", policy.Title,
                    [Refs.Of(policy), .. adopters.Select(Refs.Of)], $"Package \"{policy.Title}\" as an export offer to the {cities} cities that adopted it.");
        }
    }

    private static IEnumerable<Finding> CitiesWithoutTie(Ledger l, DirectionThresholds t) =>
        Cities.All(l).Where(c => c.Ties == 0 && c.Initiatives >= t.InitiativesWithoutTie).Select(c =>
        {
            var detail = Cities.Find(l, c.Key)!;
            return new Finding("cityWithoutTie", $"{t.InitiativesWithoutTie} or more initiatives and no tie", c.Key,
                [.. detail.Exchanges, .. detail.PeacePrograms, .. detail.ExportProjects], $"Propose a friendship tie with {c.Name}.");
        });

    private static IEnumerable<Finding> RolesEnding(Ledger l, DirectionThresholds t, DateOnly today)
    {
        var until = today.AddMonths(t.RoleTermEndingMonths);
        // A term end known to the year or month ("2026") is its last day: the term may run to then, and ends by then.
        foreach (var m in l.Memberships)
            foreach (var role in m.Roles.Where(r => !r.Ended && Facts.LastDay(r.TermEnd) is { } end && end >= today && end <= until))
                yield return new("roleTermEnding", $"term ends within {t.RoleTermEndingMonths} months", $"{m.NetworkAcronym} {role.Role}",
                    [Refs.Of(m)], $"Decide whether to stand again as {role.Role} of {m.NetworkAcronym} before {role.TermEnd}.");
    }

    private static IEnumerable<Finding> IdleNetworks(Ledger l, DirectionThresholds t, DateOnly today)
    {
        var since = today.AddYears(-t.IdleNetworkYears);
        foreach (var m in l.Memberships.Where(m => m.Fees.Any(f => f.Paid is not null && f.Year >= since.Year)))
        {
            var through = l.Exchanges.Where(x => x.NetworkId == m.NetworkId && Facts.Day(x.RequestedOn) >= since).ToList();
            if (through.Count == 0)
                yield return new("idleNetwork", $"fees paid, no exchange through it for {t.IdleNetworkYears} years", m.NetworkAcronym, [Refs.Of(m)],
                    $"Use the {m.NetworkAcronym} membership: offer a policy to its members, or review the fee.");
        }
    }

    private static IEnumerable<Finding> UnsharedSdgs(Ledger l)
    {
        var shared = l.Exchanges.SelectMany(x => x.PolicyIds).ToHashSet();
        foreach (var goal in Enumerable.Range(1, 17))
        {
            var policies = l.Policies.Where(p => p.SdgGoals.Contains(goal)).ToList();
            if (policies.Count > 0 && policies.All(p => !shared.Contains(p.PolicyId)))
                yield return new("unsharedSdg", "catalogued policies never shared", $"SDG {goal}", [.. policies.Select(Refs.Of)],
                    $"Offer the {policies.Count} SDG {goal} policies through a network or the Seoul ODA Challenge.");
        }
    }

    private static IEnumerable<Finding> LongSuspensions(Ledger l, DirectionThresholds t, DateOnly today) =>
        l.Programs.Where(p => p.Status == "suspended" && Facts.Day(p.SuspendedOn) is { } since && since.AddMonths(t.SuspendedProgramMonths) < today)
            .Select(p => new Finding("longSuspension", $"suspended for more than {t.SuspendedProgramMonths} months", p.Title, [Refs.Of(p)],
                $"Resume \"{p.Title}\" or close it and release its funds."));

    /// <summary>The latest day anything happened to an initiative, by the dates its state names.</summary>
    private static DateOnly LastActivity(Ledger l, object fact) =>
        l.History.Where(c => Refs.OfAny(c).Id == Refs.OfAny(fact).Id).Select(Facts.DateOf).DefaultIfEmpty(DateOnly.MinValue).Max();
}
