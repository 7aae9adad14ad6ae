using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Diplomacy.ServiceDefaults.Http.OpenApi;

/// <summary>
/// What every operation of the platform shares, added to each from its shape so no endpoint has to repeat it: a summary and
/// a description, <c>If-Match</c> on commands, <c>Idempotency-Key</c> on creates and commands, and <c>ETag</c> on the versions they answer, and the problem answers
/// (RFC 9457) the route can give at the gateway and the service.
/// </summary>
public static class OperationConventions
{
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken _)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ProblemSchema, ProblemDetailsSchema());

        foreach (var (path, item) in document.Paths)
        {
            if (item.Operations is null) continue;
            foreach (var (method, operation) in item.Operations)
                Describe(document, new Route(method, path, operation));
        }
        return Task.CompletedTask;
    }

    private static void Describe(OpenApiDocument document, Route route)
    {
        var operation = route.Operation;
        operation.Responses ??= [];
        operation.Summary ??= OperationText.Summary(operation.OperationId ?? route.Path);
        operation.Description ??= OperationText.Description(route);

        if (route.IsStreamCommand)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag of the version the command was decided on, such as \"3\". Stale: 412. Absent: the current version.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(W/)?\"[1-9][0-9]*\"$|^\\*$" },
                Example = JsonValue.Create("\"3\""),
            });
        }
        if (route.TakesIdempotencyKey)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotentRequest.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "A key of your own for this request, such as a new UUID. Sent again with the same request (after a " +
                    "timeout or a 503, say), it is applied once and answered as the first time, with Idempotent-Replayed: true; " +
                    "with another request, 422. Keys are yours alone and kept with the events.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotentRequest.MaxLength + 2 },
                Example = JsonValue.Create("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""),
            });
        }
        foreach (var (status, response) in operation.Responses)
            if (status.StartsWith('2') && route.AnswersAVersion && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The version of the state in the body, such as \"3\": send it back as If-Match.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[1-9][0-9]*\"$" },
                };
                if (route.TakesIdempotencyKey)
                    concrete.Headers[IdempotentRequest.ReplayedHeader] = new OpenApiHeader
                    {
                        Description = "true when this is the answer given before to the same request with the same Idempotency-Key.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")] },
                    };
            }

        var problems = new List<(string Status, string Description)>();
        if (route.TakesInput) problems.Add(("400", "The input is malformed or invalid; errors name each wrong field."));
        problems.Add(("401", "No valid bearer token; WWW-Authenticate says why."));
        problems.Add(("403", "The token's role or department does not allow this request."));
        if (route.NamesAStream) problems.Add(("404", "No such initiative."));
        if (route.Method == HttpMethod.Post) problems.Add(("409", "The current state does not allow the command."));
        if (route.IsStreamCommand) problems.Add(("412", "If-Match names a version that is no longer current: read again and retry."));
        if (route.TakesIdempotencyKey) problems.Add(("422", "The Idempotency-Key was used before for a different request."));
        if (operation.RequestBody is not null) problems.Add(("413", "The request body is larger than the gateway accepts."));
        problems.Add(("429", "This API client sent too many requests; Retry-After says when to try again."));

        foreach (var (status, description) in problems)
        {
            if (operation.Responses.TryGetValue(status, out var existing) && existing is OpenApiResponse known)
            {
                known.Description = description;
                continue;
            }
            operation.Responses[status] = Problem(document, description, status);
        }
    }

    private static OpenApiResponse Problem(OpenApiDocument document, string description, string status)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
        if (status is "401" or "429")
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                [status == "401" ? "WWW-Authenticate" : "Retry-After"] = new OpenApiHeader
                {
                    Description = status == "401" ? "The bearer challenge, with the reason the token was refused." : "Seconds to wait.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            };
        return response;
    }

    /// <summary>RFC 9457 problem details, for documents with no endpoint that names them itself.</summary>
    private static OpenApiSchema ProblemDetailsSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
        },
    };
}

/// <summary>One operation and what its shape says about it.</summary>
internal sealed record Route(HttpMethod Method, string Path, OpenApiOperation Operation)
{
    /// <summary>A route on one stream: <c>/{collection}/{id}...</c>.</summary>
    public bool NamesAStream => Path.Contains("{id}", StringComparison.Ordinal);

    /// <summary><c>POST /{collection}/{id}/{command}</c>: appends to the stream at the version If-Match names.</summary>
    public bool IsStreamCommand => Method == HttpMethod.Post && NamesAStream && Operation.RequestBody is not null;

    /// <summary><c>POST /{collection}</c>: starts a stream.</summary>
    public bool IsCreate => Method == HttpMethod.Post && !NamesAStream && Operation.RequestBody is not null;

    /// <summary>The state of one stream: <c>GET /{collection}/{id}</c>.</summary>
    public bool IsGetState => Method == HttpMethod.Get && Path.EndsWith("/{id}", StringComparison.Ordinal);

    /// <summary>A create or command answered with the state it made (not one that only queues work, 202).</summary>
    public bool TakesIdempotencyKey => (IsStreamCommand || IsCreate) && Operation.Responses?.ContainsKey("202") != true;

    /// <summary>Answers a stream's state with its version as ETag.</summary>
    public bool AnswersAVersion => IsStreamCommand || IsCreate || IsGetState;

    public bool TakesInput => Operation.RequestBody is not null || Operation.Parameters is { Count: > 0 };

    /// <summary>The name of the schema a 2xx answer carries, such as "PartnerCity".</summary>
    public string? StateName => Operation.Responses?
        .Where(r => r.Key.StartsWith('2'))
        .SelectMany(r => r.Value.Content?.Values ?? [])
        .Select(media => (media.Schema as OpenApiSchemaReference)?.Reference.Id)
        .FirstOrDefault(id => id is not null);
}
