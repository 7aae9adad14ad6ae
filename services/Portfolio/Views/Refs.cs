using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.Portfolio.Learning;

namespace Diplomacy.Portfolio.Views;

/// <summary>The link to each kind of initiative, and small tallies the answers share.</summary>
public static class Refs
{
    public static InitiativeRef Of(PartnerTieChanged t) => new("membership", Collections.PartnerCities, t.PartnerCityId, $"{t.Tie} tie with {t.City}");
    public static InitiativeRef Of(MembershipChanged m) => new("membership", Collections.Memberships, m.MembershipId, $"membership of {m.NetworkAcronym}");
    public static InitiativeRef Of(NetworkChanged n) => new("membership", Collections.Networks, n.NetworkId, n.Acronym);
    public static InitiativeRef Of(PolicyChanged p) => new("exchanges", Collections.Policies, p.PolicyId, p.Title);
    public static InitiativeRef Of(ExchangeChanged x) => new("exchanges", Collections.Exchanges, x.ExchangeId, $"exchange with {x.PartnerCity}");
    public static InitiativeRef Of(PeaceProgramChanged p) => new("peace", Collections.Programs, p.ProgramId, p.Title);
    public static InitiativeRef Of(ExportProjectChanged p) => new("exports", Collections.Projects, p.ProjectId, $"{p.Solution} for {p.ClientCity}");

    public static InitiativeRef OfAny(object fact) => fact switch
    {
        PartnerTieChanged f => Of(f),
        MembershipChanged f => Of(f),
        NetworkChanged f => Of(f),
        PolicyChanged f => Of(f),
        ExchangeChanged f => Of(f),
        PeaceProgramChanged f => Of(f),
        ExportProjectChanged f => Of(f),
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.GetType().Name, "Not a received change."),
    };

    /// <summary>How many of each value, in the order of the values.</summary>
    public static SortedDictionary<string, int> Count(IEnumerable<string> values)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in values) counts[value] = counts.GetValueOrDefault(value) + 1;
        return counts;
    }

    public static bool Adopted(string level) => level is "adopted" or "scaled";
    public static bool Delivered(ExchangeChanged x) => x.Activities.Count > 0;
    public static bool Tied(PartnerTieChanged t) => t.Status is "active" or "suspended";
}
