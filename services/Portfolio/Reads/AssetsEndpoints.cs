using Diplomacy.Contracts.Membership;
using Diplomacy.Portfolio.Cities;
using Diplomacy.Portfolio.Views;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Portfolio.Reads;

public sealed record NetworkAsset(
    Guid NetworkId, string Acronym, string? Name, string? MembershipStatus, IReadOnlyList<MembershipRoleTerm> RolesNow,
    IReadOnlyList<MembershipRoleTerm> RolesBefore, IReadOnlyList<MembershipHosting> HostingsDelivered, IReadOnlyList<FeeYear> FeesPaid);

public sealed record FeeYear(int Year, string Currency, decimal Paid, string? PaidOn);

public sealed record Assets(
    string? AsOf,
    IReadOnlyList<NetworkAsset> Networks,
    PartnerCityAssets PartnerCities,
    PolicyAssets Policies,
    ExchangeAssets Exchanges,
    PeaceProgramAssets PeacePrograms,
    ExportProjectAssets ExportProjects);

// Each tally maps a value to how many initiatives have it, in the values' ordinal order; money stays per currency.

/// <param name="ByDecade">Ties signed in each decade ("1960s"), by the date of their agreement, whatever their status since;
/// a tie only proposed is in no decade.</param>
public sealed record PartnerCityAssets(
    int Total, IReadOnlyDictionary<string, int> ByTie, IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByJurisdiction, IReadOnlyDictionary<string, int> ByRegion, IReadOnlyDictionary<string, int> ByDecade);

/// <param name="BySdg">Policies serving each SDG goal, keyed "01" to "17".</param>
public sealed record PolicyAssets(int Total, IReadOnlyDictionary<string, int> BySector, IReadOnlyDictionary<string, int> BySdg);

public sealed record ExchangeAssets(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByChannel, int ParticipantsTrained);

public sealed record PeaceProgramAssets(
    int Total, IReadOnlyDictionary<string, int> ByArea, IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<CurrencyAmount> Allocated, IReadOnlyList<CurrencyAmount> Spent);

public sealed record ExportProjectAssets(int Total, IReadOnlyDictionary<string, int> ByStage, IReadOnlyList<CurrencyAmount> Contracted);

/// <summary><c>GET /api/portfolio/assets</c>: the inventory of Seoul's diplomatic assets, now or <c>?asOf=</c> a date.</summary>
public static class AssetsEndpoints
{
    public static async Task<IResult> Get(string? asOf, IQuerySession session, CityAtlas atlas, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var date = Dates.Parse(asOf, "asOf", filter);
        if (filter.Problem() is { } problem) return problem;
        return PooledJson.Of(Of(await Ledger.LoadAsync(session, atlas, date, ct), date));
    }

    public static Assets Of(Ledger l, PartialDate? asOf) => new(
        asOf?.ToString(),
        NetworksOf(l),
        new(l.Ties.Count, Refs.Count(l.Ties.Select(t => t.Tie)), Refs.Count(l.Ties.Select(t => t.Status)),
            Refs.Count(l.Ties.Select(t => t.Jurisdiction)), Refs.Count(l.Ties.Select(t => l.Atlas.RegionOf(t.Country))),
            Refs.Count(l.Ties.Select(t => Facts.Day(t.SignedOn)).OfType<DateOnly>().Select(d => $"{d.Year / 10 * 10}s"))),
        new(l.Policies.Count, Refs.Count(l.Policies.Select(p => p.Sector)),
            Refs.Count(l.Policies.SelectMany(p => p.SdgGoals.Distinct()).Select(g => g.ToString("00")))),
        new(l.Exchanges.Count, Refs.Count(l.Exchanges.Select(x => x.Status)), Refs.Count(l.Exchanges.Select(x => x.Channel)),
            l.Exchanges.Sum(x => x.Activities.Sum(a => a.Participants))),
        new(l.Programs.Count, Refs.Count(l.Programs.Select(p => p.Area)), Refs.Count(l.Programs.Select(p => p.Status)),
            Views.Money.PerCurrency(l.Programs.SelectMany(p => p.Funds).Select(f => (f.Currency, f.Allocated))),
            Views.Money.PerCurrency(l.Programs.SelectMany(p => p.Funds).Select(f => (f.Currency, f.Spent)))),
        new(l.Projects.Count, Refs.Count(l.Projects.Select(p => p.Stage)),
            Views.Money.PerCurrency(l.Projects.Where(p => p.ContractValue is not null).Select(p => (p.ContractValue!.Currency, p.ContractValue.Amount)))));

    private static List<NetworkAsset> NetworksOf(Ledger l)
    {
        var memberships = l.Memberships.ToLookup(m => m.NetworkId);
        var ids = l.Networks.Select(n => n.NetworkId).Union(l.Memberships.Select(m => m.NetworkId));
        return [.. ids.Select(id =>
        {
            var network = l.Networks.FirstOrDefault(n => n.NetworkId == id);
            var m = memberships[id].OrderByDescending(x => x.Version).FirstOrDefault();
            return new NetworkAsset(id, network?.Acronym ?? m?.NetworkAcronym ?? "", network?.Name, m?.Status,
                [.. m?.Roles.Where(r => !r.Ended) ?? []], [.. m?.Roles.Where(r => r.Ended) ?? []],
                [.. m?.Hostings.Where(h => h.DeliveredOn is not null) ?? []],
                [.. (m?.Fees ?? []).Where(f => f.Paid is not null).OrderBy(f => f.Year).Select(f => new FeeYear(f.Year, f.PaidCurrency ?? f.Currency, f.Paid!.Value, f.PaidOn))]);
        }).OrderBy(n => n.Acronym, StringComparer.OrdinalIgnoreCase)];
    }
}

/// <summary>Partial dates in query strings, as the rest of the API spells them.</summary>
public static class Dates
{
    public static PartialDate? Parse(string? text, string field, QueryFilter filter)
    {
        if (text is null) return null;
        if (PartialDate.TryParse(text, out var date)) return date;
        filter.Errors.Add(new(field, "Must be a date of the form YYYY, YYYY-MM or YYYY-MM-DD."));
        return null;
    }
}
