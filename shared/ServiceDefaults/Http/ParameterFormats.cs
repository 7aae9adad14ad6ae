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
/// the framework's binding (invariant culture; <c>?page=</c> does not parse); a type not listed here is left to it.
/// </summary>
public static class ParameterFormats
{
    private enum Source { Query, Route, Header }

    private sealed record Check(string Name, Source From, Type Type, bool Many);

    private static readonly ConcurrentDictionary<Endpoint, Check[]> Checks = new();

    public static WebApplication UseParameterFormats(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var checks = http.GetEndpoint() is { } endpoint ? ChecksOf(endpoint) : [];
            var errors = checks.Length == 0 ? [] : Unparsable(http, checks).ToList();
            if (errors.Count == 0)
            {
                await next(http);
                return;
            }
            errors.AddRange(Paging.Validate(IntOrNull(http, checks, "page"), IntOrNull(http, checks, "pageSize")));
            await Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors)).ExecuteAsync(http);
        });
        return app;
    }

    /// <summary>What a value of <paramref name="type"/> must be, for a caller; null for a type not checked here.</summary>
    public static string? Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "Must be a whole number.",
        var t when t == typeof(Guid) => "Must be a UUID.",
        var t when t == typeof(bool) => "Must be true or false.",
        var t when t == typeof(DateTimeOffset) => "Must be a date and time in ISO 8601, such as 2024-05-01T09:00:00Z.",
        _ => null,
    };

    private static bool Parses(Type type, string text) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        var t when t == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        var t when t == typeof(Guid) => Guid.TryParse(text, out _),
        var t when t == typeof(bool) => bool.TryParse(text, out _),
        var t when t == typeof(DateTimeOffset) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out _),
        _ => true,
    };

    private static IEnumerable<FieldError> Unparsable(HttpContext http, Check[] checks)
    {
        foreach (var check in checks)
        {
            var values = check.From switch
            {
                Source.Route => new StringValues(http.Request.RouteValues[check.Name]?.ToString()),
                Source.Header => http.Request.Headers[check.Name],
                _ => http.Request.Query[check.Name],
            };
            if (values.Count == 0) continue;
            // A scalar parameter given twice gets both values joined with a comma, as the framework binds it; an empty
            // value (?page=) is a value that does not parse, as there.
            var texts = check.Many ? (IEnumerable<string?>)values : [values.ToString()];
            if (texts.Any(text => !Parses(check.Type, text ?? "")))
                yield return new FieldError(check.Name, Expected(check.Type)!);
        }
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
        if (Expected(type) is null || parameter.Name is null) return null;
        if (parameter.GetCustomAttribute<FromHeaderAttribute>() is { } header) return new(header.Name ?? parameter.Name, Source.Header, type, many);
        if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } query) return new(query.Name ?? parameter.Name, Source.Query, type, many);
        if (parameter.GetCustomAttribute<FromRouteAttribute>() is { } route) return new(route.Name ?? parameter.Name, Source.Route, type, many);
        if (parameter.GetCustomAttributes().Any(a => a is IFromBodyMetadata or IFromServiceMetadata or IFromFormMetadata)) return null;
        var inRoute = endpoint is RouteEndpoint r && r.RoutePattern.GetParameter(parameter.Name) is not null;
        return new(parameter.Name, inRoute ? Source.Route : Source.Query, type, many);
    }
}
