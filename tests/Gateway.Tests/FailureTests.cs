using System.Net;

namespace Diplomacy.Gateway.Tests;

public sealed class FailureTests
{
    [Theory]
    [InlineData("/api/membership/networks", "membership")]
    [InlineData("/api/exchanges/exchanges", "exchanges")]
    [InlineData("/api/peace/programs", "peace")]
    [InlineData("/api/exports/projects", "exports")]
    [InlineData("/api/portfolio/assets", "portfolio")]
    public async Task A_service_that_is_down_is_503_problem_details(string path, string service)
    {
        // GatewayFactory points every service at a closed port.
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync(path);

        var problem = await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal($"The {service} service is not available.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_post_to_a_service_that_is_down_is_503_problem_details()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().PostAsync("/api/exchanges/exchanges", new StringContent("{}"));

        await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_service_slower_than_its_timeout_is_504_problem_details()
    {
        await using var exchanges = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string>
        {
            ["Services:Exchanges"] = exchanges.Url,
            ["ReverseProxy:Clusters:exchanges:HttpRequest:ActivityTimeout"] = "00:00:01",
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
            ["ReverseProxy:Clusters:exchanges:HttpRequest:ActivityTimeout"] = "00:00:05",
        });

        var response = await gateway.CreateClient().GetAsync("/api/exchanges/exchanges?delayMs=200");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
