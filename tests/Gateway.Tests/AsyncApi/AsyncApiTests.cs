using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Diplomacy.Gateway.AsyncApi;
using MassTransit;

namespace Diplomacy.Gateway.Tests.AsyncApi;

/// <summary>
/// The AsyncAPI document at <c>/asyncapi.json</c> against the contracts themselves, and the contracts' schemas against the
/// snapshot of what was published (<c>asyncapi-schemas.v1.json</c>): within one version, a contract only gains optional fields.
/// Set DIPLOMACY_WRITE_CONTRACT_SNAPSHOT=1 to write the current schemas there, after adding a contract or an optional field.
/// </summary>
public sealed class AsyncApiTests
{
    private const string SnapshotFile = "asyncapi-schemas.v1.json";

    /// <summary>Found here, independently of the generator: every type of the contracts assembly with a message URN.</summary>
    private static readonly IReadOnlyList<Type> Contracts = [.. typeof(Diplomacy.Contracts.Membership.PartnerTieSigned).Assembly
        .GetExportedTypes().Where(t => t.GetCustomAttribute<MessageUrnAttribute>() is not null)];

    [Fact]
    public async Task The_document_is_served_without_a_token_and_has_every_contract_with_its_urn_channel_schema_and_example()
    {
        using var gateway = new GatewayFactory();
        var response = await gateway.ClientWith(null).GetAsync("/asyncapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3.0.0", (string?)document["asyncapi"]);
        Assert.NotEmpty(Contracts);
        foreach (var contract in Contracts)
        {
            var urn = MessageUrn.ForTypeString(contract);
            Assert.StartsWith("urn:message:diplomacy:", urn);
            var message = document["components"]!["messages"]![contract.Name];
            Assert.True(message is not null, $"{contract.FullName} ({urn}) is not in the document");
            Assert.Equal(urn, (string?)message["bindings"]!["amqp"]!["messageType"]);
            var channel = document["channels"]![contract.Name]!;
            Assert.Equal($"{contract.Namespace}:{contract.Name}", (string?)channel["address"]);
            Assert.Equal("fanout", (string?)channel["bindings"]!["amqp"]!["exchange"]!["type"]);
            var schema = document["components"]!["schemas"]![contract.Name]!;
            Assert.Equal(
                contract.GetConstructors().Single().GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).Order(),
                schema["properties"]!.AsObject().Select(p => p.Key).Order());
            var example = message["examples"]![0]!["payload"]!;
            Assert.Equal(urn, (string?)example["messageType"]![0]);
            // The example is the contract as the bus would deserialize it.
            Assert.NotNull(example["message"].Deserialize(contract, ContractCatalog.SerializerOptions));
        }
        Assert.Equal(Contracts.Count, document["operations"]!.AsObject().Count);
    }

    [Fact]
    public void Every_contract_is_compatible_with_the_published_schema_of_its_version()
    {
        var current = new JsonObject();
        foreach (var message in ContractCatalog.Messages) current[message.Urn] = message.Schema.DeepClone();
        var snapshotPath = Path.Combine(RepoRoot(), "tests", "Gateway.Tests", "AsyncApi", SnapshotFile);
        if (Environment.GetEnvironmentVariable("DIPLOMACY_WRITE_CONTRACT_SNAPSHOT") == "1")
            File.WriteAllText(snapshotPath, current.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var published = JsonNode.Parse(File.ReadAllText(snapshotPath))!.AsObject();

        var problems = new List<string>();
        foreach (var contract in Contracts.Select(MessageUrn.ForTypeString))
            if (!published.ContainsKey(contract))
                problems.Add($"{contract}: not in {SnapshotFile}; add it (DIPLOMACY_WRITE_CONTRACT_SNAPSHOT=1)");
        foreach (var (urn, schema) in published)
        {
            if (current[urn] is not { } now) { problems.Add($"{urn}: published, but no contract has this URN any more"); continue; }
            problems.AddRange(SchemaCompatibility.Breaks(schema, now, urn).Select(b => $"{b} (a breaking change needs a new version)"));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}}""", """{"type":"object","properties":{"b":{"type":"string"}}}""", "$.a: removed or renamed")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}}""", """{"type":"object","properties":{"a":{"type":"number"}}}""", "$.a: type changed from string to number")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}}""", """{"type":"object","properties":{"a":{"type":["string","null"]}}}""", "$.a: type changed from string to string|null")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}}}""", """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["b"]}""", "$.b: newly required")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","items":{"type":"object","properties":{"x":{"type":"string"}}}}}}""", """{"type":"object","properties":{"a":{"type":"array","items":{"type":"object","properties":{}}}}}""", "$.a[].x: removed or renamed")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string","format":"uuid"}}}""", """{"type":"object","properties":{"a":{"type":"string"}}}""", "$.a: format changed from uuid to none")]
    public void An_incompatible_change_is_found(string published, string current, string expected) =>
        Assert.Equal([expected], SchemaCompatibility.Breaks(JsonNode.Parse(published), JsonNode.Parse(current)));

    [Fact]
    public void Adding_an_optional_property_is_compatible() =>
        Assert.Empty(SchemaCompatibility.Breaks(
            JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"""),
            JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":["string","null"]}},"required":["a"]}""")));

    private static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Diplomacy.slnx"))) return folder.FullName;
        throw new InvalidOperationException("No Diplomacy.slnx above the test assembly.");
    }
}
