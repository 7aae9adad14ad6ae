using Diplomacy.Gateway.OpenApi;

namespace Diplomacy.Gateway.Proxy;

public static class ProxyExtensions
{
    /// <summary>YARP with routes and clusters from the <c>ReverseProxy</c> section, addresses overridable by <c>Services:&lt;Name&gt;</c>.</summary>
    public static IHostApplicationBuilder AddDownstreamServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<ServiceAddressFilter>()
            .AddOpenApiServers();
        return builder;
    }

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
