using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplomacy.DemoData;

/// <summary>
/// The parts of deploy/demo/seoul-reference.json that are loaded. A later loader adds its own section here
/// (e.g. <c>exportCases</c>, <c>peaceBuilding</c>); sections nobody loads yet are simply not declared.
/// </summary>
public sealed record ReferenceData(IReadOnlyList<NetworkEntry> Networks, IReadOnlyList<PartnerCityEntry> PartnerCities)
{
    /// <summary>How the reference data file is read, also by the loaders that read their own section of it.</summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A malformed file is an error naming the field, not a half-loaded demo.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static ReferenceData Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<ReferenceData>(stream, Options)
            ?? throw new InvalidDataException($"{path} holds no reference data.");
    }
}

/// <summary>
/// A network and Seoul's part in it. <paramref name="SeoulJoined"/> is a year (a JSON number) or a date string,
/// null when unknown. <paramref name="Confidence"/> (H/M/L) has no place in the API; the loader prints it.
/// </summary>
public sealed record NetworkEntry(
    string Acronym,
    string Name,
    int Founded,
    [property: JsonConverter(typeof(YearOrDateConverter))] string? SeoulJoined,
    string Confidence,
    IReadOnlyList<RoleEntry>? Roles = null,
    IReadOnlyList<HostingEntry>? Hosting = null);

/// <summary>A role Seoul held, in free text ("Co-president"), from <paramref name="From"/>, until <paramref name="To"/> if known.</summary>
public sealed record RoleEntry(string Role, string From, string Confidence, string? To = null);

public sealed record HostingEntry(string What, string When, string Confidence);

/// <summary>
/// A partner city tie, with every field the file uses. <paramref name="Alt"/> (another source's date) and
/// <paramref name="Note"/> have no place in the API: the loader prints them rather than dropping them silently.
/// <paramref name="TerminatedOn"/>/<paramref name="TerminationReason"/> are applied when present (none today).
/// </summary>
public sealed record PartnerCityEntry(
    string City,
    string Country,
    string Tie,
    string Since,
    string Confidence,
    string? Jurisdiction = null,
    string? Alt = null,
    string? Note = null,
    string? TerminatedOn = null,
    string? TerminationReason = null)
{
    /// <summary>Fields this loader does not know; reported, never guessed at.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>Reads 1987 and "2006-07-25" alike as the API's date text.</summary>
public sealed class YearOrDateConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number when reader.TryGetInt32(out var year) => year.ToString("D4", CultureInfo.InvariantCulture),
        _ => throw new JsonException("Must be a year, a date string or null."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
