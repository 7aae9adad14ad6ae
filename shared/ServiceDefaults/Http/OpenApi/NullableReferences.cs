using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Diplomacy.ServiceDefaults.Http.OpenApi;

/// <summary>
/// A nullable property of a component type is <c>oneOf: [{type: null}, {$ref}]</c>, written for 3.0 as <c>oneOf: [{enum: [null], nullable: true}, {$ref}]</c>, which
/// OpenAPI 3.0 tools reject (a <c>nullable</c> without a <c>type</c>) and generators turn into an anonymous union. It is
/// written instead as the referenced type, nullable: <c>{type, nullable: true, allOf: [{$ref}]}</c>.
/// </summary>
public static class NullableReferences
{
    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken _)
    {
        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
            Rewrite(schema, seen);
        // An optional body (a nullable parameter) is the same union at the top of its media type.
        foreach (var path in document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>())
            foreach (var operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                foreach (var media in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
                    if (media is { Schema: { } body } concrete)
                    {
                        concrete.Schema = Simplified(body);
                        Rewrite(concrete.Schema, seen);
                    }
        return Task.CompletedTask;
    }

    private static void Rewrite(IOpenApiSchema schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema concrete || !seen.Add(schema)) return;
        if (concrete.Properties is { } properties)
            foreach (var name in properties.Keys.ToList())
            {
                properties[name] = Simplified(properties[name]);
                Rewrite(properties[name], seen);
            }
        if (concrete.Items is { } items)
        {
            concrete.Items = Simplified(items);
            Rewrite(concrete.Items, seen);
        }
        if (concrete.AdditionalProperties is { } values)
        {
            concrete.AdditionalProperties = Simplified(values);
            Rewrite(concrete.AdditionalProperties, seen);
        }
    }

    private static IOpenApiSchema Simplified(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema { OneOf: { Count: 2 } oneOf } union) return schema;
        var reference = oneOf.OfType<OpenApiSchemaReference>().SingleOrDefault();
        var isNull = oneOf.Any(s => s is not OpenApiSchemaReference && s.Type == JsonSchemaType.Null);
        if (reference is null || !isNull) return schema;
        return new OpenApiSchema
        {
            Type = (reference.Type ?? JsonSchemaType.Object) | JsonSchemaType.Null,
            AllOf = [reference],
            Description = union.Description,
        };
    }
}
