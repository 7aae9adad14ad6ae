using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Diplomacy.Gateway.AsyncApi;

/// <summary>
/// The AsyncAPI 3.0 document of every integration event: one channel per RabbitMQ exchange MassTransit publishes to, one
/// message per contract with its URN, its payload schema (the MassTransit envelope around the contract) and an example.
/// </summary>
public static partial class AsyncApiDocument
{
    public const string ContentType = "application/vnd.masstransit+json";
    private const string AmqpBindingVersion = "0.3.0";

    public static JsonObject Build(IReadOnlyList<ContractMessage> messages, ContractDocs docs, string broker)
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var componentMessages = new JsonObject();
        var schemas = new JsonObject();
        foreach (var message in messages)
        {
            var summary = docs.Summary(message.Type) ?? $"{message.Name}, published by {message.Publisher}.";
            schemas[message.Name] = Documented(message, docs);
            componentMessages[message.Name] = Message(message, summary, docs);
            channels[message.Name] = new JsonObject
            {
                ["address"] = message.Exchange,
                ["title"] = message.Name,
                ["description"] = $"The fanout exchange {message.Exchange}: bind a queue to it to receive every {message.Name}.",
                ["messages"] = new JsonObject { [message.Name] = Ref($"#/components/messages/{message.Name}") },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = message.Exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = AmqpBindingVersion,
                    },
                },
            };
            operations[$"publish{message.Name}"] = new JsonObject
            {
                ["action"] = "send",
                ["channel"] = Ref($"#/channels/{message.Name}"),
                ["summary"] = $"The {message.Publisher} service publishes {message.Name}.",
                ["description"] = summary + " Published at least once, in order per initiative, after the event that caused it committed.",
                ["messages"] = new JsonArray(Ref($"#/channels/{message.Name}/messages/{message.Name}")),
            };
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Seoul City Diplomacy Platform integration events",
                ["version"] = "1.0.0",
                ["description"] = "What the platform's services publish on RabbitMQ through MassTransit, generated from shared/Contracts. " +
                    "Each message's identity is its URN (the envelope's messageType); a contract changes only by adding optional " +
                    "fields, and a breaking change is a new version (…:v2). The messageId is the id of the event that caused it: " +
                    "consumers de-duplicate on it.",
            },
            ["defaultContentType"] = ContentType,
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject
                {
                    ["host"] = broker,
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "The platform's RabbitMQ broker (AsyncApi:Broker).",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = componentMessages, ["schemas"] = schemas },
        };
    }

    private static JsonObject Message(ContractMessage message, string summary, ContractDocs docs)
    {
        var example = MessageExamples.For(message.Schema)!.AsObject();
        // A string the documentation gives the values of ("sister" or "friendship") takes the first of them.
        foreach (var (property, value) in example.ToList())
            if (value is JsonValue && message.Schema["properties"]?[property]?["format"] is null && docs.Parameter(message.Type, property) is { } text && FirstQuoted().Match(text) is { Success: true } quoted)
                example[property] = quoted.Groups[1].Value;
        return new JsonObject
        {
            ["name"] = message.Name,
            ["title"] = message.Name,
            ["summary"] = summary,
            ["description"] = $"Message URN {message.Urn}, published by the {message.Publisher} service to the exchange {message.Exchange}.",
            ["contentType"] = ContentType,
            ["tags"] = new JsonArray(new JsonObject { ["name"] = message.Publisher }),
            ["payload"] = Envelope(message),
            ["bindings"] = new JsonObject { ["amqp"] = new JsonObject { ["messageType"] = message.Urn, ["bindingVersion"] = AmqpBindingVersion } },
            ["examples"] = new JsonArray(new JsonObject
            {
                ["name"] = $"{message.Name}Example",
                ["summary"] = $"A {message.Name} as it arrives on a queue bound to {message.Exchange}.",
                ["payload"] = new JsonObject
                {
                    ["messageId"] = "0193a5f0-7c3e-7b4a-9d2e-000000000001",
                    ["messageType"] = new JsonArray(message.Urn),
                    ["sentTime"] = "2026-05-12T09:30:01+00:00",
                    ["message"] = example,
                },
            }),
        };
    }

    /// <summary>The MassTransit envelope the contract travels in, its <c>message</c> the contract itself.</summary>
    private static JsonObject Envelope(ContractMessage message) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("messageId", "messageType", "message"),
        ["properties"] = new JsonObject
        {
            ["messageId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "The id of the event that caused this message: the same event always has the same id." },
            ["correlationId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["conversationId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["sourceAddress"] = new JsonObject { ["type"] = "string" },
            ["destinationAddress"] = new JsonObject { ["type"] = "string" },
            ["messageType"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string" },
                ["contains"] = new JsonObject { ["const"] = message.Urn },
                ["description"] = "The message URNs, this message's among them.",
            },
            ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["headers"] = new JsonObject { ["type"] = "object", ["description"] = "Includes the trace context (traceparent)." },
            ["message"] = Ref($"#/components/schemas/{message.Name}"),
        },
    };

    /// <summary>The contract's schema with its documentation: the type's summary, each property's <c>&lt;param&gt;</c>.</summary>
    private static JsonObject Documented(ContractMessage message, ContractDocs docs)
    {
        var schema = message.Schema.DeepClone().AsObject();
        if (docs.Summary(message.Type) is { } summary) schema["description"] = summary;
        if (schema["properties"] is JsonObject properties)
            foreach (var (name, property) in properties)
                if (property is JsonObject described && docs.Parameter(message.Type, name) is { } text)
                    described["description"] = text;
        return schema;
    }

    private static JsonObject Ref(string path) => new() { ["$ref"] = path };

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex FirstQuoted();
}
