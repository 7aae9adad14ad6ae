using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Diplomacy.Gateway.OpenApi;
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
    /// <summary>An <c>HttpContext.Items</c> key: a page that needs a CSP of its own (the console's) puts it there.</summary>
    public const string ContentSecurityPolicyItem = "Diplomacy.ContentSecurityPolicy";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IHostApplicationBuilder AddGatewayLimits(this IHostApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimits:PermitsPerMinute", DefaultPermitsPerMinute);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One options object and one factory for every partition: choosing a partition allocates nothing per request.
            var perCaller = new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            };
            Func<Caller, FixedWindowRateLimiterOptions> optionsOf = _ => perCaller;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Caller>(http =>
                http.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter(Caller.HealthProbe)
                    : RateLimitPartition.GetFixedWindowLimiter(Caller.Of(http), optionsOf));
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

    /// <summary>
    /// Whom a request counts against: its API client from the token, without one its remote address. A struct key, so
    /// partitioning builds no string per request; <see cref="Limited"/> keeps the unlimited health partition apart.
    /// </summary>
    private readonly record struct Caller(bool Limited, string? Client, IPAddress? Address)
    {
        public static readonly Caller HealthProbe = new(false, null, null);

        public static Caller Of(HttpContext http) =>
            http.User.FindFirst(PlatformClaims.Client)?.Value is { Length: > 0 } client
                ? new(true, client, null)
                : new(true, null, http.Connection.RemoteIpAddress);
    }

    /// <summary>Security headers on every response, and the body limit before anything reads the body.</summary>
    public static WebApplication UseGatewayHeadersAndBodyLimit(this WebApplication app)
    {
        var maxBody = app.Configuration.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(AddSecurityHeaders, http);

            if (http.Request.ContentLength > maxBody)
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

    // The API reference is a page: its own script and styles (some inline), the documents from here; nothing from elsewhere.
    private const string ApiReferencePolicy = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    // Static, with the context as state: registering it allocates no closure per request.
    private static readonly Func<object, Task> AddSecurityHeaders = state =>
    {
        var http = (HttpContext)state;
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(ApiReference.Path) ? ApiReferencePolicy
            : http.Items.TryGetValue(ContentSecurityPolicyItem, out var page) && page is string policy ? policy
            : "default-src 'none'; frame-ancestors 'none'";
        if (http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        return Task.CompletedTask;
    };
}
