using Diplomacy.Portfolio.Cities;

namespace Diplomacy.Portfolio.Tests.Decisions;

public sealed class CityKeyTests
{
    private static readonly CityAtlas Atlas = CityAtlas.Load();

    [Theory]
    [InlineData("CO", "Bogotá", "co-bogota")]
    [InlineData("CO", "Bogota", "co-bogota")]
    [InlineData("co", "  BOGOTÁ ", "co-bogota")]
    [InlineData("CO", "Santa Fe de Bogotá", "co-bogota")]
    [InlineData("CO", "Medellín", "co-medellin")]
    [InlineData("BR", "São Paulo", "br-sao-paulo")]
    [InlineData("BR", "Sao Paulo", "br-sao-paulo")]
    [InlineData("US", "Washington, D.C.", "us-washington-dc")]
    [InlineData("US", "Washington DC", "us-washington-dc")]
    [InlineData("AU", "New South Wales", "au-new-south-wales")]
    [InlineData("PL", "Warszawa", "pl-warsaw")]
    [InlineData("DE", "Düsseldorf", "de-dusseldorf")]
    [InlineData("DE", "Straße", "de-strasse")]
    [InlineData("PL", "Łódź", "pl-lodz")]
    [InlineData("VN", "Hà Nội", "vn-hanoi")]
    [InlineData("VN", "Đà Nẵng", "vn-da-nang")]
    public void Spelling_variants_give_one_key(string country, string city, string key) => Assert.Equal(key, Atlas.KeyOf(country, city));

    [Theory]
    [InlineData("Astana")]
    [InlineData("Nur-Sultan")]
    [InlineData("Nur Sultan")]
    [InlineData("NUR-SULTAN")]
    [InlineData("Akmola")]
    [InlineData("Tselinograd")]
    public void A_renamed_city_keeps_its_key(string name) => Assert.Equal("kz-astana", Atlas.KeyOf("KZ", name));

    [Fact]
    public void The_same_name_in_another_country_is_another_city() =>
        Assert.NotEqual(Atlas.KeyOf("US", "Paris"), Atlas.KeyOf("FR", "Paris"));

    [Theory]
    [InlineData("Ho Chi Minh City")]
    [InlineData("Saigon")]
    public void Renames_in_the_alias_table_meet(string name) => Assert.Equal("vn-ho-chi-minh-city", Atlas.KeyOf("VN", name));

    [Theory]
    [InlineData("Addis Ababa")]
    [InlineData("Mexico City")]
    [InlineData("Washington, D.C.")]
    [InlineData("'s-Hertogenbosch")]
    [InlineData("Rio de Janeiro (RJ)")]
    public void Keys_are_lower_case_and_url_safe(string name)
    {
        var key = Atlas.KeyOf("XX", name);
        Assert.True(CityKey.IsWellFormed(key), key);
        Assert.Equal(Uri.EscapeDataString(key), key);
        Assert.Equal(key.ToLowerInvariant(), key);
    }

    [Theory]
    [InlineData("co-bogota", true)]
    [InlineData("CO-bogota", false)]
    [InlineData("co_bogota", false)]
    [InlineData("co-", false)]
    [InlineData("co-bogota-", false)]
    [InlineData("c-bogota", false)]
    public void Well_formed_keys(string key, bool expected) => Assert.Equal(expected, CityKey.IsWellFormed(key));

    [Fact]
    public void Every_partner_city_of_the_reference_data_has_a_key_in_the_atlas()
    {
        var path = Path.Combine(Repo.Root, "deploy", "demo", "seoul-reference.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        foreach (var city in doc.RootElement.GetProperty("partnerCities").EnumerateArray())
        {
            var key = Atlas.KeyOf(city.GetProperty("country").GetString()!, city.GetProperty("city").GetString()!);
            Assert.True(Atlas.Find(key) is not null, $"{key} has no coordinates in cities.json");
            Assert.NotEqual("unknown", Atlas.RegionOf(city.GetProperty("country").GetString()!));
        }
    }
}

internal static class Repo
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Diplomacy.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("The repository root (Diplomacy.slnx) is not above the test binaries.");
        }
    }
}
