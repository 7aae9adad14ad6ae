using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Membership.Networks;

/// <summary>Registers a city network. <paramref name="Founded"/> is the year it was founded.</summary>
public sealed record RegisterNetwork(
    string Acronym,
    string Name,
    int Founded,
    string HeadquartersCity,
    CountryCode HeadquartersCountry,
    IReadOnlyList<string> Themes) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.NotBlank(Acronym, "acronym", 50)) yield return error;
        foreach (var error in Check.NotBlank(Name, "name")) yield return error;
        foreach (var error in Check.InRange(Founded, 1800, 2100, "founded")) yield return error;
        foreach (var error in Check.NotBlank(HeadquartersCity, "headquartersCity")) yield return error;
        if (HeadquartersCountry.Value is null) yield return new("headquartersCountry", "Is required.");
        foreach (var error in Check.NotEmpty(Themes, "themes")) yield return error;
        if (Themes is null) yield break;
        for (var i = 0; i < Themes.Count; i++)
            foreach (var error in Check.NotBlank(Themes[i], $"themes[{i}]", 100)) yield return error;
    }
}

/// <summary>
/// Renames a network from <paramref name="EffectiveOn"/> (WeGO, 2017). Without <paramref name="Acronym"/> the
/// network keeps its acronym.
/// </summary>
public sealed record RenameNetwork(string Name, PartialDate EffectiveOn, string? Acronym = null) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        foreach (var error in Check.NotBlank(Name, "name")) yield return error;
        if (Acronym is not null)
            foreach (var error in Check.NotBlank(Acronym, "acronym", 50)) yield return error;
    }
}
