using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>One JSON shape for HTTP, the event store and messages: camelCase, enums as camelCase strings.</summary>
public static class JsonDefaults
{
    /// <summary>The shape shared by the API and the store.</summary>
    public static void ApplyShape(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Unknown enum names and numbers are errors, not silently default values.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // "2005" is not a number: a client that sends a string where a number belongs has a bug worth hearing about.
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    /// <summary>
    /// The API: the shared shape, plus strict input (a required field that is missing or null is a 400 naming
    /// that field, not a null deep in a decision) and no null noise in responses.
    /// </summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ApplyShape(options);
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }

    /// <summary>
    /// One read-only instance of the API options for code that writes JSON outside the HTTP pipeline (filters, NDJSON
    /// exports): options cache their type metadata, so sharing one instance beats a copy per caller.
    /// </summary>
    public static readonly JsonSerializerOptions Api = ReadOnly(Create());

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
