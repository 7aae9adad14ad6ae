using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.Serialization;

namespace Diplomacy.Gateway.AsyncApi;

/// <summary>One integration event of <c>shared/Contracts</c> as it crosses RabbitMQ.</summary>
/// <param name="Urn">Its message identity, from <c>[MessageUrn]</c>: <c>urn:message:diplomacy:...:v1</c>.</param>
/// <param name="Exchange">The fanout exchange MassTransit publishes it to, named as the bus names it.</param>
/// <param name="Schema">Its JSON schema as the bus serializes it (camelCase).</param>
public sealed record ContractMessage(Type Type, string Urn, string Exchange, JsonObject Schema)
{
    public string Name => Type.Name;

    /// <summary>The publisher: the folder (namespace) of <c>shared/Contracts</c> it is in.</summary>
    public string Publisher => Type.Namespace![(ContractCatalog.Namespace.Length + 1)..];

    /// <summary>The version its URN ends with: <c>v1</c>.</summary>
    public string Version => Urn[(Urn.LastIndexOf(':') + 1)..];
}

/// <summary>
/// Every integration event, found by reflection: each type of the contracts assembly with <c>[MessageUrn]</c>. Nothing here
/// is written by hand, so a new contract is in the AsyncAPI document the moment it exists.
/// </summary>
public static class ContractCatalog
{
    public const string Namespace = "Diplomacy.Contracts";

    public static Assembly Assembly { get; } = typeof(Diplomacy.Contracts.Membership.PartnerTieSigned).Assembly;

    /// <summary>The options the bus serializes with, able to describe types (the exporter needs a resolver).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(SystemTextJsonMessageSerializer.Options)
    {
        TypeInfoResolver = SystemTextJsonMessageSerializer.Options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver(),
        // A contract's constructor parameters are what a consumer can rely on: the schema says so.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static readonly IEntityNameFormatter ExchangeNames = new MessageNameFormatterEntityNameFormatter(new RabbitMqMessageNameFormatter());

    public static IReadOnlyList<ContractMessage> Messages { get; } = [.. Assembly.GetExportedTypes()
        .Where(type => type.GetCustomAttribute<MessageUrnAttribute>() is not null)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .Select(Describe)];

    private static ContractMessage Describe(Type type)
    {
        var schema = SerializerOptions.GetJsonSchemaAsNode(type, ExporterOptions).AsObject();
        schema["type"] = "object"; // a message is never null, though a reference type's schema allows it
        DescribeDecimals(schema, type);
        return new(type, MessageUrn.ForTypeString(type), ExchangeName(type), schema);
    }

    private static readonly JsonSchemaExporterOptions ExporterOptions = new() { TreatNullObliviousAsNonNullable = true };

    /// <summary>
    /// The bus writes decimals with a converter of its own, which the exporter cannot see into (it says <c>true</c>, any
    /// value): they are JSON numbers.
    /// </summary>
    private static void DescribeDecimals(JsonObject schema, Type type)
    {
        if (schema["properties"] is not JsonObject properties) return;
        foreach (var (name, node) in properties.ToList())
        {
            var clr = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            if (clr is null) continue;
            var element = clr.IsArray ? clr.GetElementType()
                : clr.IsGenericType && clr.GetGenericArguments() is [var only] && typeof(System.Collections.IEnumerable).IsAssignableFrom(clr) ? only
                : null;
            if (clr == typeof(decimal)) properties[name] = new JsonObject { ["type"] = "number" };
            else if (clr == typeof(decimal?)) properties[name] = new JsonObject { ["type"] = new JsonArray("number", "null") };
            else if (element is not null && node?["items"] is JsonObject items) DescribeDecimals(items, element);
            else if (node is JsonObject nested) DescribeDecimals(nested, clr);
        }
    }

    private static string ExchangeName(Type type) =>
        (string)typeof(IEntityNameFormatter).GetMethod(nameof(IEntityNameFormatter.FormatEntityName))!
            .MakeGenericMethod(type).Invoke(ExchangeNames, null)!;
}
