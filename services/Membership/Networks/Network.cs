using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Membership.Networks;

/// <summary>An event of a city network.</summary>
public interface INetworkEvent : IEventOf<Network>;

/// <summary>A city network was registered, as it was named on the day it was registered.</summary>
public sealed record NetworkRegistered(
    string Acronym,
    string Name,
    int Founded,
    string HeadquartersCity,
    CountryCode HeadquartersCountry,
    IReadOnlyList<string> Themes) : INetworkEvent;

/// <summary>
/// The network took a new name (and acronym, which may be the one it had) from <paramref name="EffectiveOn"/>;
/// the name and acronym it had until then are kept in the state's <see cref="Network.PreviousNames"/>.
/// </summary>
public sealed record NetworkRenamed(string Name, string Acronym, PartialDate EffectiveOn) : INetworkEvent;

public enum NetworkStatus
{
    Active = 1,
}

/// <summary>A name the network went by until <paramref name="Until"/>.</summary>
public sealed record FormerNetworkName(string Name, string Acronym, PartialDate Until);

/// <summary>A city network Seoul may belong to (Metropolis, CityNet, WeGO, C40, ...).</summary>
public sealed record Network : IAggregate<Network, INetworkEvent>
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

    public static Network? Fold(Network? state, INetworkEvent @event) => (state, @event) switch
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
