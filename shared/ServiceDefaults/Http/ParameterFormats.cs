using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Names every query, route or header value that does not parse as its parameter's type in one 400, before the endpoint
/// binds them: the framework's binding stops at the first (<c>?pageSize=abc&amp;exchange=x</c> named only pageSize).
/// Paging values that do parse are checked beside them, so <c>?page=-5&amp;pageSize=abc</c> names both. Parsing follows
/// the framework's binding (invariant culture; <c>?page=</c> does not parse); a type not listed here is left to it. A
/// text value with a NUL character is named too: no PostgreSQL text can hold one.
/// </summary>
public static class ParameterFormats
{
    private enum Source { Query, Route, Header }

    private sealed record Format(string Expected, Func<string, bool> Parses);

    private sealed record Check(string Name, Source From, Format Format, bool Many);

    /// <summary>The types the API binds from a query, route or header, each with what a caller must send.</summary>
    private static readonly Dictionary<Type, Format> Formats = new()
    {
        [typeof(int)] = new("Must be a whole number.", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        [typeof(long)] = new("Must be a whole number.", t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)),
        [typeof(Guid)] = new("Must be a UUID.", t => Guid.TryParse(t, out _)),
        [typeof(bool)] = new("Must be true or false.", t => bool.TryParse(t, out _)),
        // PostgreSQL stores no NUL in text or jsonb: a filter with one would fail in the database.
        [typeof(string)] = new("Must not contain a NUL character.", t => !t.Contains('\0')),
        [typeof(DateTimeOffset)] = new("Must be a date and time in ISO 8601, such as 2024-05-01T09:00:00Z.",
            t => DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out _)),
    };

    private static readonly ConcurrentDictionary<Endpoint, Check[]> Checks = new();

    public static WebApplication UseParameterFormats(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is { } endpoint && ChecksOf(endpoint) is var checks && Unparsable(http, checks) is { } errors)
            {
                errors.AddRange(Paging.Validate(IntOrNull(http, checks, "page"), IntOrNull(http, checks, "pageSize")));
                await Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors)).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    /// <summary>The values that do not parse, or null when every one does (nothing allocated then: this runs on every request).</summary>
    private static List<FieldError>? Unparsable(HttpContext http, Check[] checks)
    {
        List<FieldError>? errors = null;
        foreach (var check in checks)
        {
            var values = check.From switch
            {
                Source.Route => new StringValues(http.Request.RouteValues[check.Name]?.ToString()),
                Source.Header => http.Request.Headers[check.Name],
                _ => http.Request.Query[check.Name],
            };
            if (!Parses(check, values)) (errors ??= []).Add(new FieldError(check.Name, check.Format.Expected));
        }
        return errors;
    }

    private static bool Parses(Check check, StringValues values)
    {
        if (values.Count == 0) return true;
        // A scalar parameter given twice gets both values joined with a comma, as the framework binds it; an empty value
        // (?page=) does not parse, as there.
        if (!check.Many) return check.Format.Parses(values.ToString());
        foreach (var text in values)
            if (!check.Format.Parses(text ?? "")) return false;
        return true;
    }

    private static int? IntOrNull(HttpContext http, Check[] checks, string name) =>
        checks.Any(c => c.Name == name && c.From == Source.Query)
        && int.TryParse(http.Request.Query[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value : null;

    private static Check[] ChecksOf(Endpoint endpoint) => Checks.GetOrAdd(endpoint, static e =>
    [
        .. e.Metadata.GetOrderedMetadata<IParameterBindingMetadata>().Select(p => CheckOf(e, p.ParameterInfo)).OfType<Check>(),
    ]);

    private static Check? CheckOf(Endpoint endpoint, ParameterInfo parameter)
    {
        var many = parameter.ParameterType.IsArray;
        var type = many ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        if (!Formats.TryGetValue(Nullable.GetUnderlyingType(type) ?? type, out var format) || parameter.Name is null) return null;
        if (parameter.GetCustomAttribute<FromHeaderAttribute>() is { } header) return new(header.Name ?? parameter.Name, Source.Header, format, many);
        if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } query) return new(query.Name ?? parameter.Name, Source.Query, format, many);
        if (parameter.GetCustomAttribute<FromRouteAttribute>() is { } route) return new(route.Name ?? parameter.Name, Source.Route, format, many);
        if (parameter.GetCustomAttributes().Any(a => a is IFromBodyMetadata or IFromServiceMetadata or IFromFormMetadata)) return null;
        var inRoute = endpoint is RouteEndpoint r && r.RoutePattern.GetParameter(parameter.Name) is not null;
        return new(parameter.Name, inRoute ? Source.Route : Source.Query, format, many);
    }
}
