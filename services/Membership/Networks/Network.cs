using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Membership.Networks;

/// <summary>A city network was registered, as it was named on the day it was registered.</summary>
public sealed record NetworkRegistered(
    string Acronym,
    string Name,
    int Founded,
    string HeadquartersCity,
    CountryCode HeadquartersCountry,
    IReadOnlyList<string> Themes);

/// <summary>
/// The network took a new name (and acronym, which may be the one it had) from <paramref name="EffectiveOn"/>;
/// the name and acronym it had until then are kept in the state's <see cref="Network.PreviousNames"/>.
/// </summary>
public sealed record NetworkRenamed(string Name, string Acronym, PartialDate EffectiveOn);

public enum NetworkStatus
{
    Active = 1,
}

/// <summary>A name the network went by until <paramref name="Until"/>.</summary>
public sealed record FormerNetworkName(string Name, string Acronym, PartialDate Until);

/// <summary>A city network Seoul may belong to (Metropolis, CityNet, WeGO, C40, ...).</summary>
public sealed record Network : IAggregate<Network>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public NetworkStatus Status { get; init; }
    public string Acronym { get; init; } = "";
    public string Name { get; init; } = "";
    public int Founded { get; init; }
    public string HeadquartersCity { get; init; } = "";
    public CountryCode HeadquartersCountry { get; init; }
    public IReadOnlyList<string> Themes { get; init; } = [];
    /// <summary>Names the network went by before, oldest first.</summary>
    public IReadOnlyList<FormerNetworkName> PreviousNames { get; init; } = [];
    /// <summary>When the current name took effect; null while the network keeps the name it was registered with.</summary>
    public PartialDate? NamedSince { get; init; }

    /// <summary>
    /// The instance form that Marten's source-generated evolver calls as <c>(snapshot ?? new Network()).Evolve(e.Data)</c>:
    /// a blank instance (no <see cref="Status"/> yet) stands for "no state", then the static <see cref="Evolve(Network?, object)"/> decides.
    /// </summary>
    public Network? Evolve(object @event)
    {
        if (Status != default) return Evolve(this, @event);
        var created = Evolve(null, @event);
        if (created is not null) (created.Id, created.Version) = (Id, Version);
        return created;
    }

    public static Network? Evolve(Network? state, object @event) => (state, @event) switch
    {
        (null, NetworkRegistered e) => new Network
        {
            Status = NetworkStatus.Active,
            Acronym = e.Acronym,
            Name = e.Name,
            Founded = e.Founded,
            HeadquartersCity = e.HeadquartersCity,
            HeadquartersCountry = e.HeadquartersCountry,
            Themes = e.Themes,
        },
        (not null, NetworkRenamed e) => state with
        {
            Name = e.Name,
            Acronym = e.Acronym,
            NamedSince = e.EffectiveOn,
            PreviousNames = [.. state.PreviousNames, new FormerNetworkName(state.Name, state.Acronym, e.EffectiveOn)],
        },
        _ => state,
    };

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(NetworkRegistered)] = "network_registered",
        [typeof(NetworkRenamed)] = "network_renamed",
    };
}
