using Yarp.ReverseProxy.Configuration;

namespace Diplomacy.Gateway.Proxy;

/// <summary>
/// Lets <c>Services:&lt;Name&gt;</c> (env <c>Services__Membership=http://127.0.0.1:6001</c>) replace the address a cluster
/// forwards to, and <c>ServiceTimeouts:&lt;Name&gt;</c> (a TimeSpan, <c>00:00:30</c>) the time it may take to answer. The cluster
/// names its key with the metadata <c>Service</c> (the manifest name); a blank key leaves the manifest's default standing.
/// </summary>
public sealed class ServiceAddressFilter(IConfiguration configuration) : IProxyConfigFilter
{
    public const string ServiceMetadataKey = "Service";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.Metadata is null || !cluster.Metadata.TryGetValue(ServiceMetadataKey, out var service))
            return ValueTask.FromResult(cluster);

        var address = configuration[$"Services:{service}"];
        if (!string.IsNullOrWhiteSpace(address))
        {
            // One service, one address: the override replaces whatever destinations the cluster listed.
            cluster = cluster with
            {
                Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
                {
                    ["primary"] = new() { Address = address },
                },
            };
        }
        if (configuration.GetValue<TimeSpan?>($"ServiceTimeouts:{service}") is { } timeout)
            cluster = cluster with { HttpRequest = (cluster.HttpRequest ?? new()) with { ActivityTimeout = timeout } };
        return ValueTask.FromResult(cluster);
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
