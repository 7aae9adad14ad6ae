using System.Net;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Manifest;

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
    public async Task Ready_depends_on_no_service_it_is_200_when_none_runs()
    {
        // GatewayFactory points every service at a closed port.
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Services_is_200_and_healthy_when_every_service_is_ready()
    {
        var services = await Task.WhenAll(ServiceManifest.Services.Select(_ => Downstream.StartAsync()));
        try
        {
            using var gateway = new GatewayFactory(Addresses(services));

            var (status, report) = await ServicesAsync(gateway.ClientWith(null));

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("healthy", report.GetProperty("status").GetString());
            var byName = ByName(report);
            Assert.Equal(ServiceManifest.Services.Select(s => s.Name).Order(), byName.Keys.Order());
            foreach (var service in ServiceManifest.Services)
            {
                Assert.Equal("healthy", byName[service.Name].GetProperty("status").GetString());
                Assert.Equal(service.Route, byName[service.Name].GetProperty("route").GetString());
                Assert.True(byName[service.Name].GetProperty("latencyMs").GetInt64() >= 0);
            }
        }
        finally
        {
            foreach (var service in services) await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task One_service_down_leaves_the_gateway_ready_and_services_names_it_unreachable()
    {
        var down = ServiceManifest.Services[0];
        var up = ServiceManifest.Services.Skip(1).ToList();
        var services = await Task.WhenAll(up.Select(_ => Downstream.StartAsync()));
        try
        {
            // The first service keeps the closed port GatewayFactory gives every service.
            using var gateway = new GatewayFactory(Addresses(services, up));
            var anonymous = gateway.ClientWith(null);

            var ready = await anonymous.GetAsync("/health/ready");
            var (status, report) = await ServicesAsync(anonymous);

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("unhealthy", report.GetProperty("status").GetString());
            var byName = ByName(report);
            Assert.Equal("unreachable", byName[down.Name].GetProperty("status").GetString());
            foreach (var service in up) Assert.Equal("healthy", byName[service.Name].GetProperty("status").GetString());
        }
        finally
        {
            foreach (var service in services) await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_service_not_ready_is_unhealthy_and_one_that_hangs_is_unreachable()
    {
        await using var notReady = await Downstream.StartAsync(readyStatus: HttpStatusCode.ServiceUnavailable);
        await using var hanging = await Downstream.StartAsync(readyDelay: TimeSpan.FromSeconds(30));
        var (first, second) = (ServiceManifest.Services[0], ServiceManifest.Services[1]);
        using var gateway = new GatewayFactory(new Dictionary<string, string>
        {
            [$"Services:{first.Name}"] = notReady.Url,
            [$"Services:{second.Name}"] = hanging.Url,
        });

        var (status, report) = await ServicesAsync(gateway.ClientWith(null));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var byName = ByName(report);
        Assert.Equal("unhealthy", byName[first.Name].GetProperty("status").GetString());
        Assert.Equal("unreachable", byName[second.Name].GetProperty("status").GetString());
    }

    private static Dictionary<string, string> Addresses(IReadOnlyList<Downstream> running, IReadOnlyList<ManifestService>? of = null) =>
        (of ?? ServiceManifest.Services).Select((service, i) => (service, running[i]))
            .ToDictionary(p => $"Services:{p.service.Name}", p => p.Item2.Url);

    private static async Task<(HttpStatusCode Status, JsonElement Report)> ServicesAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/services");
        // An unhealthy answer says when to ask again, as every 503 of the platform does.
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable) Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static Dictionary<string, JsonElement> ByName(JsonElement report) =>
        report.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
}
