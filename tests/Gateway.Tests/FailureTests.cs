using System.Net;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Gateway.Tests;

public sealed class FailureTests
{
    /// <summary>A path under each manifest route, and the route (the cluster the problem names).</summary>
    public static TheoryData<string, string> EveryRoute()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in ServiceManifest.Services) data.Add($"/api/{service.Route}/anything", service.Route);
        return data;
    }

    [Fact]
    public void The_routes_include_the_four_services() =>
        Assert.Subset(ServiceManifest.Services.Select(s => s.Route).ToHashSet(), new HashSet<string> { "exchanges", "exports", "membership", "peace" });

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task A_service_that_is_down_is_503_problem_details(string path, string service)
    {
        // GatewayFactory points every service at a closed port.
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync(path);

        var problem = await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal($"The {service} service is not available.", problem.GetProperty("title").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_post_to_a_service_that_is_down_is_503_problem_details()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().PostAsync("/api/exchanges/exchanges", new StringContent("{}"));

        await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_audit_door_with_services_that_are_down_is_503_with_Retry_After_naming_them()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync($"/api/audit/initiatives/{Guid.NewGuid()}");

        var problem = await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("membership", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_service_slower_than_its_timeout_is_504_problem_details()
    {
        await using var exchanges = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string>
        {
            ["Services:Exchanges"] = exchanges.Url,
            ["ServiceTimeouts:Exchanges"] = "00:00:01",
        });

        var response = await gateway.CreateClient().GetAsync("/api/exchanges/exchanges?delayMs=10000");

        var problem = await response.AssertProblem(HttpStatusCode.GatewayTimeout);
        Assert.Equal("The exchanges service did not answer in time.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_service_faster_than_its_timeout_answers()
    {
        await using var exchanges = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string>
        {
            ["Services:Exchanges"] = exchanges.Url,
            ["ServiceTimeouts:Exchanges"] = "00:00:05",
        });

        var response = await gateway.CreateClient().GetAsync("/api/exchanges/exchanges?delayMs=200");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_route_the_manifest_does_not_list_is_404_problem_details()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync("/api/unlisted/anything");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }
}
