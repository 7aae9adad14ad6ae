using Diplomacy.Gateway.Proxy;
using Diplomacy.ServiceDefaults.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Diplomacy.Gateway.Health;

/// <summary>The platform is not ready without its first service: ready means membership answers its own /health/ready.</summary>
public sealed class MembershipReadyCheck(IHttpClientFactory clients, IProxyStateLookup proxy) : IHealthCheck
{
    public const string ClientName = "membership-readiness";
    public const string ClusterId = "membership";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (proxy.AddressOf(ClusterId) is not { } address)
            return HealthCheckResult.Unhealthy($"The gateway has no address for the {ClusterId} service.");

        var ready = new Uri(address, "/health/ready");
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(ready, cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{ready} answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{ready} did not answer.", e);
        }
    }
}

public static class MembershipReadinessExtensions
{
    public static IHostApplicationBuilder AddMembershipReadiness(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(MembershipReadyCheck.ClientName, client => client.Timeout = MembershipReadyCheck.Timeout);
        builder.Services.AddHealthChecks().AddCheck<MembershipReadyCheck>(
            "membership", tags: [HealthExtensions.ReadyTag], timeout: MembershipReadyCheck.Timeout);
        return builder;
    }
}
