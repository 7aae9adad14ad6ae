using Diplomacy.ServiceDefaults.Health;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Security;
using Diplomacy.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults;

/// <summary>What every service and the gateway wire the same way.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Telemetry, health, JSON, problem details and JWT bearer authentication.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.AddHealth();
        builder.AddProblemDetailsDefaults();
        builder.AddPlatformAuthentication();
        return builder;
    }

    /// <summary>RFC 9457 problem details for every error, including unreadable bodies and bare status codes.</summary>
    public static IHostApplicationBuilder AddProblemDetailsDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => JsonDefaults.Apply(o.SerializerOptions));
        // Without this, a body that fails to bind gets a bare 400 outside Development; we want the field named.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
        });
        OneWriteProblemDetails.Decorate(builder.Services);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// The middleware and endpoints that go with <see cref="AddServiceDefaults"/>: problem details, then authentication and
    /// the access policy (<see cref="AccessPolicy"/>) for every request, then the health endpoints and the Prometheus scrape endpoint <c>/metrics</c> (open to anyone).
    /// <paramref name="afterAuthentication"/> adds middleware between authentication and the access policy.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? afterAuthentication = null)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePlatformAuthorization(afterAuthentication);
        app.UseParameterFormats();
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint(TelemetryExtensions.MetricsPath);
        return app;
    }
}
