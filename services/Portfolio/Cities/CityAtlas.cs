using System.Text.Json;

namespace Diplomacy.Portfolio.Cities;

/// <summary>Where a city is: its key (through the alias table), its world region and, when known, its coordinates.</summary>
public sealed class CityAtlas
{
    public static readonly IReadOnlyList<string> Regions = ["africa", "americas", "asia", "europe", "oceania"];

    private readonly Dictionary<string, string> _aliases = [];
    private readonly Dictionary<string, KnownCity> _cities = [];
    private readonly Dictionary<string, string> _regions = [];

    public sealed record KnownCity(string Key, string Name, double Lat, double Lon);

    private sealed record Alias(string Country, string Key, List<string> Names);
    private sealed record Data(List<Alias> Aliases, List<KnownCity> Cities, Dictionary<string, string> Regions);

    /// <summary>The atlas of the data file <c>Cities/cities.json</c>, embedded in the assembly.</summary>
    public static CityAtlas Load()
    {
        using var stream = typeof(CityAtlas).Assembly.GetManifestResourceStream("cities.json")
            ?? throw new InvalidOperationException("The embedded cities.json is missing.");
        var data = JsonSerializer.Deserialize<Data>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("cities.json is empty.");
        var atlas = new CityAtlas();
        foreach (var alias in data.Aliases)
            foreach (var name in alias.Names) atlas._aliases[CityKey.Of(alias.Country, name)] = alias.Key;
        foreach (var city in data.Cities) atlas._cities[city.Key] = city;
        foreach (var (region, countries) in data.Regions)
            foreach (var country in countries.Split(' ', StringSplitOptions.RemoveEmptyEntries)) atlas._regions[country] = region;
        return atlas;
    }

    /// <summary>The key of a city as a service spelled it: normalised, then mapped through the aliases.</summary>
    public string KeyOf(string country, string city)
    {
        var key = CityKey.Of(country, city);
        return _aliases.GetValueOrDefault(key, key);
    }

    /// <summary>The UN M49 region of an ISO 3166-1 alpha-2 country, or "unknown".</summary>
    public string RegionOf(string country) => _regions.GetValueOrDefault(country.ToUpperInvariant(), "unknown");

    public KnownCity? Find(string key) => _cities.GetValueOrDefault(key);
}
