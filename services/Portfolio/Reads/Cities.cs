using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.Reads;

public sealed record TimelineEntry(string On, string Change, string Service, string Collection, Guid Id, long Version, string Title);

public sealed record CitySummary(
    string Key, string Name, string Country, string Region, string? Tie, string? TieStatus, int Ties, int Exchanges, int PeacePrograms,
    int ExportProjects, double? Lat, double? Lon)
{
    public int Initiatives => Ties + Exchanges + PeacePrograms + ExportProjects;
}

public sealed record CityDetail(CitySummary City, IReadOnlyList<InitiativeRef> Ties, IReadOnlyList<InitiativeRef> Exchanges,
    IReadOnlyList<InitiativeRef> PeacePrograms, IReadOnlyList<InitiativeRef> ExportProjects, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>One city across the four instruments, matched by its key.</summary>
public static class Cities
{
    private sealed record Member(string Key, string Name, string Country, object Fact);

    public static IReadOnlyList<CitySummary> All(Ledger l) =>
        [.. Members(l).GroupBy(m => m.Key).Select(g => Summary(l, g.Key, g)).OrderBy(c => c.Key, StringComparer.Ordinal)];

    public static CityDetail? Find(Ledger l, string key)
    {
        var members = Members(l).Where(m => m.Key == key).ToList();
        if (members.Count == 0) return null;
        var ids = members.Select(m => Refs.OfAny(m.Fact).Id).ToHashSet();
        var timeline = l.History.Where(c => ids.Contains(Refs.OfAny(c).Id))
            .Select(c =>
            {
                var (change, on, _) = Facts.WhatOf(c);
                var r = Refs.OfAny(c);
                return new TimelineEntry(on ?? Facts.DateOf(c).ToString("yyyy-MM-dd"), change, r.Service, r.Collection, r.Id, Facts.VersionOf(c), r.Title);
            })
            .OrderBy(e => Facts.Day(e.On)).ThenBy(e => e.Id).ThenBy(e => e.Version).ToList();
        InitiativeRef[] Of<T>() => [.. members.Select(m => m.Fact).OfType<T>().Select(f => Refs.OfAny(f!))];
        return new CityDetail(Summary(l, key, members), Of<Contracts.Membership.PartnerTieChanged>(), Of<Contracts.Exchanges.ExchangeChanged>(),
            Of<Contracts.PeaceBuilding.PeaceProgramChanged>(), Of<Contracts.Exports.ExportProjectChanged>(), timeline);
    }

    private static IEnumerable<Member> Members(Ledger l) =>
        l.Ties.Select(t => new Member(l.KeyOf(t), t.City, t.Country, t))
            .Concat(l.Exchanges.Select(x => new Member(l.KeyOf(x), x.PartnerCity, x.PartnerCountry, x)))
            .Concat(l.Programs.SelectMany(p => p.Partners.Where(x => x.Kind == "city")
                .Select(x => new Member(l.Atlas.KeyOf(x.Country, x.Name), x.Name, x.Country, p))))
            .Concat(l.Projects.Select(p => new Member(l.KeyOf(p), p.ClientCity, p.ClientCountry, p)));

    private static CitySummary Summary(Ledger l, string key, IEnumerable<Member> members)
    {
        var list = members.ToList();
        var known = l.Atlas.Find(key);
        var ties = list.Select(m => m.Fact).OfType<Contracts.Membership.PartnerTieChanged>().ToList();
        var tie = ties.FirstOrDefault(Refs.Tied) ?? ties.FirstOrDefault();
        var first = tie is not null ? new Member(key, tie.City, tie.Country, tie) : list[0];
        return new CitySummary(key, known?.Name ?? first.Name, first.Country, l.Atlas.RegionOf(first.Country), tie?.Tie, tie?.Status, ties.Count,
            list.Count(m => m.Fact is Contracts.Exchanges.ExchangeChanged), list.Select(m => m.Fact).OfType<Contracts.PeaceBuilding.PeaceProgramChanged>().Distinct().Count(),
            list.Count(m => m.Fact is Contracts.Exports.ExportProjectChanged), known?.Lat, known?.Lon);
    }
}
