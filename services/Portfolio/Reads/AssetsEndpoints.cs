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
    object PartnerCities,
    object Policies,
    object Exchanges,
    object PeacePrograms,
    object ExportProjects);

/// <summary><c>GET /api/portfolio/assets</c>: the inventory of Seoul's diplomatic assets, now or <c>?asOf=</c> a date.</summary>
public static class AssetsEndpoints
{
    public static async Task<IResult> Get(string? asOf, IQuerySession session, CityAtlas atlas, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var date = Dates.Parse(asOf, "asOf", filter);
        if (filter.Problem() is { } problem) return problem;
        return Results.Ok(Of(await Ledger.LoadAsync(session, atlas, date, ct), date));
    }

    public static Assets Of(Ledger l, PartialDate? asOf) => new(
        asOf?.ToString(),
        NetworksOf(l),
        new
        {
            total = l.Ties.Count,
            byTie = Refs.Count(l.Ties.Select(t => t.Tie)),
            byStatus = Refs.Count(l.Ties.Select(t => t.Status)),
            byJurisdiction = Refs.Count(l.Ties.Select(t => t.Jurisdiction)),
            byRegion = Refs.Count(l.Ties.Select(t => l.Atlas.RegionOf(t.Country))),
        },
        new
        {
            total = l.Policies.Count,
            bySector = Refs.Count(l.Policies.Select(p => p.Sector)),
            bySdg = Refs.Count(l.Policies.SelectMany(p => p.SdgGoals.Distinct()).Select(g => g.ToString("00"))),
        },
        new
        {
            total = l.Exchanges.Count,
            byStatus = Refs.Count(l.Exchanges.Select(x => x.Status)),
            byChannel = Refs.Count(l.Exchanges.Select(x => x.Channel)),
            participantsTrained = l.Exchanges.Sum(x => x.Activities.Sum(a => a.Participants)),
        },
        new
        {
            total = l.Programs.Count,
            byArea = Refs.Count(l.Programs.Select(p => p.Area)),
            byStatus = Refs.Count(l.Programs.Select(p => p.Status)),
            allocated = Views.Money.PerCurrency(l.Programs.SelectMany(p => p.Funds).Select(f => (f.Currency, f.Allocated))),
            spent = Views.Money.PerCurrency(l.Programs.SelectMany(p => p.Funds).Select(f => (f.Currency, f.Spent))),
        },
        new
        {
            total = l.Projects.Count,
            byStage = Refs.Count(l.Projects.Select(p => p.Stage)),
            contracted = Views.Money.PerCurrency(l.Projects.Where(p => p.ContractValue is not null).Select(p => (p.ContractValue!.Currency, p.ContractValue.Amount))),
        });

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
