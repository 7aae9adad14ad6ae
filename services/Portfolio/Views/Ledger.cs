using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.Portfolio.Cities;
using Diplomacy.ServiceDefaults.Domain;
using Marten;

namespace Diplomacy.Portfolio.Views;

/// <summary>
/// Every view of the portfolio as of one date (or now), loaded in one go: the cross-service questions (assets, cities,
/// networks, the funnel, SDGs, directions, goals, open data) are all answered from it. The views are small (one document
/// per initiative), so reading them whole keeps each answer one pass over what is known.
/// </summary>
public sealed class Ledger
{
    public required CityAtlas Atlas { get; init; }
    public required IReadOnlyList<NetworkChanged> Networks { get; init; }
    public required IReadOnlyList<MembershipChanged> Memberships { get; init; }
    public required IReadOnlyList<PartnerTieChanged> Ties { get; init; }
    public required IReadOnlyList<PolicyChanged> Policies { get; init; }
    public required IReadOnlyList<ExchangeChanged> Exchanges { get; init; }
    public required IReadOnlyList<PeaceProgramChanged> Programs { get; init; }
    public required IReadOnlyList<ExportProjectChanged> Projects { get; init; }
    /// <summary>Every change of every initiative, for timelines.</summary>
    public required IReadOnlyList<object> History { get; init; }

    public IReadOnlyDictionary<Guid, PolicyChanged> PolicyById => _policies ??= Policies.ToDictionary(p => p.PolicyId);
    private Dictionary<Guid, PolicyChanged>? _policies;

    public static async Task<Ledger> LoadAsync(IQuerySession session, CityAtlas atlas, PartialDate? asOf, CancellationToken ct)
    {
        var history = new List<object>();
        async Task<IReadOnlyList<T>> Load<TView, T>() where TView : View<T> where T : class
        {
            var views = await session.Query<TView>().ToListAsync(ct);
            var known = views.Select(v => v.AsOf(asOf)).OfType<T>().ToList();
            history.AddRange(views.SelectMany(v => asOf is null ? v.Changes : v.Changes.Where(c => Facts.DateOf(c) <= asOf.Latest)));
            return known;
        }
        return new Ledger
        {
            Atlas = atlas,
            Networks = await Load<NetworkView, NetworkChanged>(),
            Memberships = await Load<MembershipView, MembershipChanged>(),
            Ties = await Load<TieView, PartnerTieChanged>(),
            Policies = await Load<PolicyView, PolicyChanged>(),
            Exchanges = await Load<ExchangeView, ExchangeChanged>(),
            Programs = await Load<ProgramView, PeaceProgramChanged>(),
            Projects = await Load<ProjectView, ExportProjectChanged>(),
            History = history,
        };
    }

    public string KeyOf(PartnerTieChanged t) => Atlas.KeyOf(t.Country, t.City);
    public string KeyOf(ExchangeChanged x) => Atlas.KeyOf(x.PartnerCountry, x.PartnerCity);
    public string KeyOf(ExportProjectChanged p) => Atlas.KeyOf(p.ClientCountry, p.ClientCity);
    public IEnumerable<string> KeysOf(PeaceProgramChanged p) =>
        p.Partners.Where(x => x.Kind == "city").Select(x => Atlas.KeyOf(x.Country, x.Name)).Distinct();

    /// <summary>The SDG goals of the policies an exchange shares.</summary>
    public IEnumerable<int> SdgsOf(ExchangeChanged x) => x.PolicyIds.SelectMany(id => PolicyById.TryGetValue(id, out var p) ? p.SdgGoals : []).Distinct();

    public IEnumerable<string> SectorsOf(ExchangeChanged x) => x.PolicyIds.Select(id => PolicyById.GetValueOrDefault(id)?.Sector).OfType<string>().Distinct();

    public PolicyChanged? PolicyOf(ExportProjectChanged p) =>
        p.PolicyId is { } id ? PolicyById.GetValueOrDefault(id) : null;
}

/// <summary>A link to an initiative in the service that keeps it: enough for an auditor to open its history.</summary>
public sealed record InitiativeRef(string Service, string Collection, Guid Id, string Title)
{
    public string Href => $"/api/{Service}/{Collection}/{Id}";
}

/// <summary>An amount per currency: money is never summed across currencies.</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount);

public static class Money
{
    public static IReadOnlyList<CurrencyAmount> PerCurrency(IEnumerable<(string Currency, decimal Amount)> amounts) =>
        [.. amounts.GroupBy(a => a.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new CurrencyAmount(g.Key, g.Sum(a => a.Amount)))];
}
