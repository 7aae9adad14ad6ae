using System.Net;
using System.Text.Json.Nodes;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Platform.Tests;

/// <summary>The API documents the gateway publishes, read as an integrator reads them.</summary>
public static class ApiDocuments
{
    /// <summary>Every manifest service's OpenAPI document and the AsyncAPI document, fetched through the gateway without a token.</summary>
    public static async Task<Dictionary<string, JsonNode>> FetchAsync(PlatformFixture platform)
    {
        using var anonymous = platform.GatewayAs(null);
        var index = JsonNode.Parse(await anonymous.GetStringAsync("/openapi"))!;
        var documents = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var entry in index["documents"]!.AsArray())
        {
            var route = (string)entry!["service"]!;
            Assert.True(platform.Has(ServiceManifest.ByRoute(route)?.Name ?? route), $"/openapi lists {route}, which is not a running manifest service");
            using var response = await anonymous.GetAsync((string)entry["url"]!);
            await response.AssertStatus(HttpStatusCode.OK);
            documents[route] = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
        documents["asyncapi"] = JsonNode.Parse(await anonymous.GetStringAsync("/asyncapi.json"))!;
        return documents;
    }
}
