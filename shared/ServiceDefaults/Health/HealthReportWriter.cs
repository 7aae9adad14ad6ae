using System.Globalization;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Diplomacy.ServiceDefaults.Health;

/// <summary>
/// Writes a health report as JSON naming each check, so a 503 from /health/ready says which server is down
/// (<c>{"status":"unhealthy","checks":{"postgres":{"status":"unhealthy","description":"..."}}}</c>), with
/// <c>Retry-After</c> when it is not healthy. Exception details stay in the logs.
/// </summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        if (report.Status != HealthStatus.Healthy)
            ServerUnavailable.SetRetryAfter(http.Response);
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = Name(report.Status),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = Name(entry.Value.Status), description = entry.Value.Description ?? entry.Value.Exception?.GetBaseException().Message }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
