using System.Net;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Gateway.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_membership_document_is_the_services_own()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });

        var response = await gateway.CreateClient().GetAsync("/openapi/membership.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Downstream.OpenApiTitle, document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_document_of_a_service_that_is_down_is_503_problem_details()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync("/openapi/exchanges.json");

        await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task The_index_lists_every_services_document()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync("/openapi");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var index = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var urls = index.GetProperty("documents").EnumerateArray()
            .Select(d => (d.GetProperty("service").GetString(), d.GetProperty("url").GetString()))
            .ToList();
        // One per manifest service, ordered by URL, so a new manifest line is listed with no edit here.
        Assert.Equal([.. ServiceManifest.Services.Select(s => ((string?)s.Route, (string?)$"/openapi/{s.Route}.json")).OrderBy(d => d.Item2, StringComparer.Ordinal)], urls);
        Assert.Subset(urls.ToHashSet(),
            new HashSet<(string?, string?)>
            {
                ("exchanges", "/openapi/exchanges.json"),
                ("exports", "/openapi/exports.json"),
                ("membership", "/openapi/membership.json"),
                ("peace", "/openapi/peace.json"),
            });
    }
}
