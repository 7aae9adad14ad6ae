using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Reads optional list filters from the query string with the same spelling as the JSON (camelCase enums,
/// ISO codes), collecting a <see cref="FieldError"/> for each one that is wrong.
/// </summary>
public sealed partial class QueryFilter
{
    public List<FieldError> Errors { get; } = [];

    public TEnum? Enum<TEnum>(string? text, string field) where TEnum : struct, System.Enum
    {
        if (text is null) return null;
        try { return JsonSerializer.Deserialize<TEnum>(JsonSerializer.Serialize(text), JsonDefaults.Api); }
        catch (JsonException)
        {
            var allowed = string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => JsonFilter.Text(v)));
            Errors.Add(new(field, $"Must be one of: {allowed}."));
            return null;
        }
    }

    public CountryCode? Country(string? text, string field)
    {
        if (text is null) return null;
        if (CountryCode.TryParse(text, out var code)) return code;
        Errors.Add(new(field, "Must be an ISO 3166-1 alpha-2 country code in upper case."));
        return null;
    }

    /// <summary>How long a long-polling read may wait (<c>wait=10s</c>, or <c>10</c>); none when absent.</summary>
    public TimeSpan Wait(string? text, string field, TimeSpan max)
    {
        if (text is null) return TimeSpan.Zero;
        if (TryParseWait(text, max, out var wait)) return wait;
        Errors.Add(WaitError(field, max));
        return TimeSpan.Zero;
    }

    /// <summary>Whole seconds from 0 to <paramref name="max"/>, with or without a trailing "s".</summary>
    public static bool TryParseWait(string text, TimeSpan max, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        var match = WaitPattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        wait = TimeSpan.FromSeconds(seconds);
        return wait <= max;
    }

    public static FieldError WaitError(string field, TimeSpan max) =>
        new(field, $"Must be a number of seconds between 0 and {max.TotalSeconds:0}, such as {Math.Min(10, max.TotalSeconds):0}s.");

    [GeneratedRegex(@"^(\d{1,3})s?$")]
    private static partial Regex WaitPattern();

    /// <summary>400 naming every wrong filter, or null when all were fine.</summary>
    public Microsoft.AspNetCore.Http.IResult? Problem() =>
        Errors.Count == 0 ? null : Microsoft.AspNetCore.Http.Results.Problem(ProblemDetailsExceptionHandler.Invalid(Errors));
}
