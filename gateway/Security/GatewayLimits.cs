using System.Globalization;
using System.Threading.RateLimiting;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace Diplomacy.Gateway.Security;

/// <summary>
/// What the gateway adds to the door every service shares (authentication and the access policy of ServiceDefaults):
/// a rate limit per API client (<c>RateLimits:PermitsPerMinute</c>, default 600; 429 with Retry-After), a request body
/// limit (<c>Limits:MaxRequestBodyBytes</c>, default 1 MiB; 413), and security headers on every response.
/// </summary>
public static class GatewayLimits
{
    public const int DefaultPermitsPerMinute = 600;
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IHostApplicationBuilder AddGatewayLimits(this IHostApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimits:PermitsPerMinute", DefaultPermitsPerMinute);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                AccessPolicy.IsAnonymous(http.Request.Path.Value ?? "/") && http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetFixedWindowLimiter(PartitionOf(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemResponse.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"This API client may send {permits} requests a minute. Retry after {seconds} s.");
            };
        });
        return builder;
    }

    /// <summary>The caller's API client from its token; without one, its remote address.</summary>
    public static string PartitionOf(HttpContext http) =>
        http.User.FindFirst(PlatformClaims.Client)?.Value is { Length: > 0 } client
            ? $"client:{client}"
            : $"ip:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    /// <summary>Security headers on every response, and the body limit before anything reads the body.</summary>
    public static WebApplication UseGatewayHeadersAndBodyLimit(this WebApplication app)
    {
        var maxBody = app.Configuration.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                if (request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                return Task.CompletedTask;
            });

            if (request.ContentLength > maxBody)
            {
                await ProblemResponse.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                    $"The gateway accepts request bodies of at most {maxBody} bytes.");
                return;
            }
            // A body without Content-Length (chunked) is cut off by Kestrel at the same size, as a 413.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = maxBody;
            await next(http);
        });
        return app;
    }
}
