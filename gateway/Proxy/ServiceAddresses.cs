using Yarp.ReverseProxy;

namespace Diplomacy.Gateway.Proxy;

public static class ServiceAddresses
{
    /// <summary>The address YARP forwards a cluster to, after <see cref="ServiceAddressFilter"/> applied any override.</summary>
    public static Uri? AddressOf(this IProxyStateLookup proxy, string clusterId) =>
        proxy.TryGetCluster(clusterId, out var cluster)
        && cluster.Model.Config.Destinations?.Values.FirstOrDefault() is { } destination
            ? new Uri(destination.Address)
            : null;
}
