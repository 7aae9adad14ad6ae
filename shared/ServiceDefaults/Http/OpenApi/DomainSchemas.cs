using System.Text.Json.Nodes;
using Diplomacy.ServiceDefaults.Domain;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Diplomacy.ServiceDefaults.Http.OpenApi;

/// <summary>
/// The domain's value types as their JSON converters write them. Without this they are empty schemas (<c>{}</c>), which
/// client generators turn into <c>object</c>.
/// </summary>
public static class DomainSchemas
{
    public const string PartialDatePattern = @"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$";
    public const string CountryCodePattern = "^[A-Z]{2}$";
    public const string CurrencyCodePattern = "^[A-Z]{3}$";

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum)
        {
            // Written by name (camelCase); a bare enum leaves generators guessing. A nullable one says so by its type,
            // not by a null among the names, which OpenAPI 3.0 tools reject.
            var nullable = schema.Enum?.Any(value => value is null) == true;
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Enum = schema.Enum?.Where(value => value is not null).ToList();
        }
        else if (type == typeof(PartialDate))
            AsString(schema, PartialDatePattern, "1996-04",
                "A calendar date known to the year, the month or the day: YYYY, YYYY-MM or YYYY-MM-DD. The precision is kept.");
        else if (type == typeof(CountryCode))
            AsString(schema, CountryCodePattern, "KR", "An ISO 3166-1 alpha-2 country code, upper case.");
        else if (type == typeof(CurrencyCode))
            AsString(schema, CurrencyCodePattern, "KRW", "An active ISO 4217 currency code, upper case.");
        else if (type == typeof(Money))
        {
            schema.Description = "An amount in one ISO 4217 currency. Amounts in different currencies are never added together.";
            schema.Examples = [new JsonObject { ["amount"] = 15000, ["currency"] = "USD" }];
        }
        return Task.CompletedTask;
    }

    private static void AsString(OpenApiSchema schema, string pattern, string example, string description)
    {
        schema.Type = JsonSchemaType.String;
        schema.Pattern = pattern;
        schema.Examples = [JsonValue.Create(example)];
        schema.Description = description;
    }
}
