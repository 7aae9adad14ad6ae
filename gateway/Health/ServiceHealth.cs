using System.Diagnostics;
using Diplomacy.Gateway.Proxy;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Manifest;
using Yarp.ReverseProxy;

namespace Diplomacy.Gateway.Health;

/// <summary>
/// <c>GET /health/services</c>: each manifest service's own <c>/health/ready</c>, asked in parallel with a short timeout.
/// 200 when every service is healthy, else 503, the body naming each one. The gateway's own <c>/health/ready</c> depends on
/// none of them, so one service down never takes the door out of a load balancer.
/// </summary>
public static class ServiceHealth
{
    public const string Path = "/health/services";
    public const string ClientName = "service-health";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Unreachable = "unreachable";

    public sealed record ServiceStatus(string Name, string Route, string Status, long LatencyMs, string? Detail);

    public sealed record Report(string Status, IReadOnlyList<ServiceStatus> Services);

    public static IHostApplicationBuilder AddServiceHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(ClientName, client => client.Timeout = Timeout);
        return builder;
    }

    public static IEndpointRouteBuilder MapServiceHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (IProxyStateLookup proxy, IHttpClientFactory clients, HttpResponse response, CancellationToken ct) =>
        {
            var http = clients.CreateClient(ClientName);
            var services = await Task.WhenAll(ServiceManifest.Services.Select(s => AskAsync(s, proxy.AddressOf(s.Route), http, ct)));
            var all = services.All(s => s.Status == Healthy);
            if (!all) ServerUnavailable.SetRetryAfter(response);
            return Results.Json(new Report(all ? Healthy : Unhealthy, services),
                statusCode: all ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").WithName("ServiceHealth");
        return app;
    }

    private static async Task<ServiceStatus> AskAsync(ManifestService service, Uri? address, HttpClient http, CancellationToken ct)
    {
        if (address is null) return new(service.Name, service.Route, Unreachable, 0, "The gateway has no address for it.");
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(new Uri(address, "/health/ready"), ct);
            return response.IsSuccessStatusCode
                ? new(service.Name, service.Route, Healthy, clock.ElapsedMilliseconds, null)
                : new(service.Name, service.Route, Unhealthy, clock.ElapsedMilliseconds, $"/health/ready answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Refused, reset or slower than the timeout: no answer to judge.
            return new(service.Name, service.Route, Unreachable, clock.ElapsedMilliseconds,
                e is TaskCanceledException ? $"No answer within {Timeout.TotalSeconds:0} s." : "The connection failed.");
        }
    }
}
