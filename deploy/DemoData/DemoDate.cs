using System.Globalization;

namespace Diplomacy.DemoData;

/// <summary>
/// A date known to the year, the month or the day ("1968", "1996-05", "1988-09-03"), exactly as the API takes
/// it. The loader never makes a date more precise than the reference data states it.
/// </summary>
public sealed record DemoDate : IComparable<DemoDate>
{
    public string Text { get; }
    /// <summary>The first day the date can mean.</summary>
    public DateOnly Earliest { get; }
    /// <summary>The last day the date can mean.</summary>
    public DateOnly Latest { get; }

    private DemoDate(string text, DateOnly earliest, DateOnly latest) => (Text, Earliest, Latest) = (text, earliest, latest);

    /// <summary>Parses <paramref name="text"/>; <paramref name="what"/> names the field in the error.</summary>
    public static DemoDate Parse(string text, string what)
    {
        string? format = text.Length switch { 4 => "yyyy", 7 => "yyyy-MM", 10 => "yyyy-MM-dd", _ => null };
        if (format is null || !DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw new InvalidDataException($"{what}: '{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.");
        var latest = text.Length switch
        {
            4 => new DateOnly(day.Year, 12, 31),
            7 => day.AddMonths(1).AddDays(-1),
            _ => day,
        };
        return new DemoDate(text, day, latest);
    }

    /// <summary>
    /// True when every day the date can mean is today or earlier: "2026" has not passed on 2026-11-28, since
    /// it may still mean December. Used to decide whether a term has ended or a hosting took place.
    /// </summary>
    public bool HasPassed(DateOnly today) => Latest <= today;

    public int CompareTo(DemoDate? other) =>
        other is null ? 1 : (Earliest, Latest).CompareTo((other.Earliest, other.Latest));

    public override string ToString() => Text;
}
