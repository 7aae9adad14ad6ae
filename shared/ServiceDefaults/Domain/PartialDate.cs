using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplomacy.ServiceDefaults.Domain;

/// <summary>
/// A calendar date known to the year, the month or the day ("1968", "1996-04", "1988-09-03").
/// Historical records are often only that precise, so the precision is kept, never invented.
/// </summary>
[JsonConverter(typeof(PartialDateJsonConverter))]
public sealed record PartialDate : IComparable<PartialDate>
{
    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    private PartialDate(int year, int? month, int? day) => (Year, Month, Day) = (year, month, day);

    /// <summary>The first day the date can mean.</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day the date can mean.</summary>
    public DateOnly Latest => Day is not null ? Earliest
        : Month is not null ? new DateOnly(Year, Month.Value, 1).AddMonths(1).AddDays(-1)
        : new DateOnly(Year, 12, 31);

    /// <summary>True only when every day this date can mean lies before every day <paramref name="other"/> can mean.</summary>
    public bool IsCertainlyBefore(PartialDate other) => Latest < other.Earliest;

    public static PartialDate Of(int year, int? month = null, int? day = null) =>
        TryParse(Format(year, month, day), out var date) ? date : throw new ArgumentOutOfRangeException(nameof(year));

    public static bool TryParse(string? text, out PartialDate date)
    {
        date = null!;
        if (text is null) return false;
        string[] formats = text.Length switch { 4 => ["yyyy"], 7 => ["yyyy-MM"], 10 => ["yyyy-MM-dd"], _ => [] };
        if (formats.Length == 0 || !DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        date = text.Length switch
        {
            4 => new PartialDate(parsed.Year, null, null),
            7 => new PartialDate(parsed.Year, parsed.Month, null),
            _ => new PartialDate(parsed.Year, parsed.Month, parsed.Day),
        };
        return true;
    }

    public static PartialDate Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.");

    public int CompareTo(PartialDate? other) =>
        other is null ? 1 : (Earliest, Latest).CompareTo((other.Earliest, other.Latest));

    public override string ToString() => Format(Year, Month, Day);

    private static string Format(int year, int? month, int? day) =>
        year.ToString("D4", CultureInfo.InvariantCulture)
        + (month is null ? "" : "-" + month.Value.ToString("D2", CultureInfo.InvariantCulture))
        + (day is null ? "" : "-" + day.Value.ToString("D2", CultureInfo.InvariantCulture));
}

public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && PartialDate.TryParse(reader.GetString(), out var date)
            ? date
            : throw new JsonException("Must be a date of the form YYYY, YYYY-MM or YYYY-MM-DD.");

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
