using Diplomacy.Contracts.Membership;
using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.Reads;

public sealed record NetworkLeverage(
    Guid NetworkId, string Acronym, string? Name, string? MembershipStatus, string? MemberSince, IReadOnlyList<MembershipRoleTerm> Roles,
    IReadOnlyList<MembershipHosting> Hostings, IReadOnlyList<FeeYear> FeesPaid, IReadOnlyList<FeeYear> FeesAssessed,
    IReadOnlyList<InitiativeRef> Exchanges, IReadOnlyList<InitiativeRef> ExportLeads, InitiativeRef? Membership);

/// <summary>The leverage Seoul has in each network: membership, roles, hostings, fees, and what came through it.</summary>
public static class Networks
{
    public static IReadOnlyList<NetworkLeverage> All(Ledger l) =>
        [.. l.Networks.Select(n => n.NetworkId).Union(l.Memberships.Select(m => m.NetworkId)).Select(id => Of(l, id)!)
            .OrderBy(n => n.Acronym, StringComparer.OrdinalIgnoreCase)];

    public static NetworkLeverage? Of(Ledger l, Guid id)
    {
        var network = l.Networks.FirstOrDefault(n => n.NetworkId == id);
        var m = l.Memberships.Where(x => x.NetworkId == id).OrderByDescending(x => x.Version).FirstOrDefault();
        if (network is null && m is null) return null;
        var exchanges = l.Exchanges.Where(x => x.Channel == "cityNetwork" && x.NetworkId == id).ToList();
        var exchangeIds = exchanges.Select(x => x.ExchangeId).ToHashSet();
        var leads = l.Projects.Where(p => p.ExchangeId is { } e && exchangeIds.Contains(e));
        return new NetworkLeverage(id, network?.Acronym ?? m?.NetworkAcronym ?? "", network?.Name, m?.Status, m?.AcceptedOn,
            m?.Roles ?? [], m?.Hostings ?? [],
            [.. (m?.Fees ?? []).Where(f => f.Paid is not null).OrderBy(f => f.Year).Select(f => new FeeYear(f.Year, f.PaidCurrency ?? f.Currency, f.Paid!.Value, f.PaidOn))],
            [.. (m?.Fees ?? []).OrderBy(f => f.Year).Select(f => new FeeYear(f.Year, f.Currency, f.Assessed, null))],
            [.. exchanges.Select(Refs.Of)], [.. leads.Select(Refs.Of)], m is null ? null : Refs.Of(m));
    }
}
