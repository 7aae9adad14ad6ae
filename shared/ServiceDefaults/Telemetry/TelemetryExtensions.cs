using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Diplomacy.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Well-known sources every service and the gateway report from.</summary>
    public static readonly string[] TraceSources = ["Marten", "MassTransit", "Yarp.ReverseProxy", DiplomacyTelemetry.SourceName];
    /// <summary>Where Prometheus scrapes every service and the gateway (anonymous, like /health).</summary>
    public const string MetricsPath = "/metrics";

    public static readonly string[] Meters = ["Marten", "MassTransit", DiplomacyTelemetry.SourceName];

    /// <summary>Traces, metrics and logs; exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Meters)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(TraceSources)
                // Spans are recorded only when something exports them: recording spans nobody reads took a quarter of the
                // CPU of a read. Unrecorded, each request still has its trace id, which events, messages and problems carry.
                .SetSampler(exporting ? new ParentBasedSampler(new AlwaysOnSampler()) : new AlwaysOffSampler()));

        if (exporting) otel.UseOtlpExporter();

        return builder;
    }
}
