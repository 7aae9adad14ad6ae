using Diplomacy.ServiceDefaults.Manifest;
using Yarp.ReverseProxy.Configuration;

namespace Diplomacy.Gateway.Proxy;

public static class ProxyExtensions
{
    /// <summary>The time a service may take to answer a forwarded request unless <c>ServiceTimeouts:&lt;Name&gt;</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultActivityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>YARP with one API route, one OpenAPI route and one cluster per manifest service; addresses overridable by <c>Services:&lt;Name&gt;</c>.</summary>
    public static IHostApplicationBuilder AddDownstreamServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes(ServiceManifest.Services), Clusters(ServiceManifest.Services))
            .AddConfigFilter<ServiceAddressFilter>();
        return builder;
    }

    /// <summary><c>/api/{route}/{**rest}</c>, and <c>GET /openapi/{route}.json</c> rewritten to the service's <c>/openapi/v1.json</c>.</summary>
    public static IReadOnlyList<RouteConfig> Routes(IEnumerable<ManifestService> services) =>
    [
        .. services.SelectMany(service => new[]
        {
            new RouteConfig
            {
                RouteId = service.Route,
                ClusterId = service.Route,
                Match = new RouteMatch { Path = $"/api/{service.Route}/{{**rest}}" },
            },
            new RouteConfig
            {
                RouteId = $"{service.Route}-openapi",
                ClusterId = service.Route,
                Match = new RouteMatch { Path = OpenApiPath(service), Methods = ["GET"] },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            },
        }),
    ];

    public static string OpenApiPath(ManifestService service) => $"/openapi/{service.Route}.json";

    /// <summary>One cluster per service, id = its route, its manifest name in the metadata (the key of its address override).</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(IEnumerable<ManifestService> services) =>
    [
        .. services.Select(service => new ClusterConfig
        {
            ClusterId = service.Route,
            Metadata = new Dictionary<string, string> { [ServiceAddressFilter.ServiceMetadataKey] = service.Name },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = DefaultActivityTimeout },
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
            {
                ["primary"] = new() { Address = service.DefaultAddress.ToString() },
            },
        }),
    ];

    /// <summary>The routes, with YARP's default pipeline and problem details when a service cannot answer.</summary>
    public static IEndpointRouteBuilder MapDownstreamServices(this IEndpointRouteBuilder app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ProxyErrorProblems.WriteOnFailure);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
