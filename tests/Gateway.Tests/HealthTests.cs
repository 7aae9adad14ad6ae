using System.Net;

namespace Diplomacy.Gateway.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_is_200_even_when_no_service_runs()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_is_200_when_membership_is_ready()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });

        var response = await gateway.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_is_503_when_membership_is_down()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
