using System.Text.Json;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Reads optional list filters from the query string with the same spelling as the JSON (camelCase enums,
/// ISO codes), collecting a <see cref="FieldError"/> for each one that is wrong.
/// </summary>
public sealed class QueryFilter
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

    /// <summary>400 naming every wrong filter, or null when all were fine.</summary>
    public Microsoft.AspNetCore.Http.IResult? Problem() =>
        Errors.Count == 0 ? null : Microsoft.AspNetCore.Http.Results.Problem(ProblemDetailsExceptionHandler.Invalid(Errors));
}
