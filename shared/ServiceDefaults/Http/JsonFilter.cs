using System.Linq.Expressions;
using System.Text.Json;
using Marten.Linq.MatchesSql;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// List filters on the stored JSON of a document, named by its typed properties and spelled exactly as the store
/// serialised them (camelCase names and enums, codes as strings). A null value means "no filter".
/// </summary>
public static class JsonFilter
{
    public static string Text<T>(T value) => JsonSerializer.SerializeToElement(value, JsonDefaults.Api) is { ValueKind: JsonValueKind.String } s
        ? s.GetString()!
        : JsonSerializer.Serialize(value, JsonDefaults.Api);

    /// <summary>The field equals <paramref name="value"/>.</summary>
    public static IQueryable<T> WhereField<T, TValue>(this IQueryable<T> query, Expression<Func<T, TValue>> field, TValue? value)
        where T : notnull where TValue : struct
    {
        if (value is null) return query;
        var (sql, text) = ($"data ->> '{Name(field)}' = ?", Text(value.Value));
        return query.Where(x => x.MatchesSql(sql, text));
    }

    /// <summary>The field's text starts with <paramref name="prefix"/> ("2014" for dates in 2014).</summary>
    public static IQueryable<T> WhereFieldStartsWith<T, TValue>(this IQueryable<T> query, Expression<Func<T, TValue>> field, string? prefix)
        where T : notnull
    {
        if (prefix is null) return query;
        var sql = $"left(data ->> '{Name(field)}', {prefix.Length}) = ?";
        return query.Where(x => x.MatchesSql(sql, prefix));
    }

    /// <summary>The field is set (<c>true</c>) or absent (<c>false</c>).</summary>
    public static IQueryable<T> WhereFieldPresent<T, TValue>(this IQueryable<T> query, Expression<Func<T, TValue>> field, bool? present)
        where T : notnull
    {
        if (present is null) return query;
        var sql = $"data ->> '{Name(field)}' is {(present.Value ? "not null" : "null")}";
        return query.Where(x => x.MatchesSql(sql));
    }

    /// <summary>Some item of the list field has <paramref name="value"/> in its own field.</summary>
    public static IQueryable<T> WhereAnyItem<T, TItem, TValue>(this IQueryable<T> query,
        Expression<Func<T, IEnumerable<TItem>>> items, Expression<Func<TItem, TValue>> field, TValue? value)
        where T : notnull where TValue : struct
    {
        if (value is null) return query;
        var sql = $"data -> '{Name(items)}' @> ?::jsonb";
        var containment = JsonSerializer.Serialize(new[] { new Dictionary<string, string> { [Name(field)] = Text(value.Value) } });
        return query.Where(x => x.MatchesSql(sql, containment));
    }

    /// <summary>The stored (camelCase) name of the property an expression reads.</summary>
    private static string Name(LambdaExpression field)
    {
        var body = field.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : field.Body;
        if (body is not MemberExpression { Member: var member, Expression: ParameterExpression })
            throw new ArgumentException($"Must read one property of the document, not {field.Body}.", nameof(field));
        return JsonNamingPolicy.CamelCase.ConvertName(member.Name);
    }
}
