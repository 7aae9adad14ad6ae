using Yarp.ReverseProxy.Configuration;

namespace Diplomacy.Gateway.Proxy;

/// <summary>
/// Lets <c>Services:&lt;Name&gt;</c> (env <c>Services__Membership=http://127.0.0.1:6001</c>) replace the address a cluster in
/// the <c>ReverseProxy</c> section forwards to. The cluster names its key with <c>"Metadata": { "Service": "Membership" }</c>;
/// when the key is blank the address in <c>ReverseProxy</c> stands.
/// </summary>
public sealed class ServiceAddressFilter(IConfiguration configuration) : IProxyConfigFilter
{
    public const string ServiceMetadataKey = "Service";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.Metadata is null || !cluster.Metadata.TryGetValue(ServiceMetadataKey, out var service))
            return ValueTask.FromResult(cluster);

        var address = configuration[$"Services:{service}"];
        if (string.IsNullOrWhiteSpace(address))
            return ValueTask.FromResult(cluster);

        // One service, one address: the override replaces whatever destinations the cluster listed.
        return ValueTask.FromResult(cluster with
        {
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
            {
                ["primary"] = new() { Address = address },
            },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
