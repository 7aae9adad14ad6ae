using System.Text.Json;
using Microsoft.Extensions.FileProviders;

using Diplomacy.Gateway.Security;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Gateway.WebConsole;

/// <summary>
/// The web console (gateway/console, built into wwwroot): its files, and index.html for any other GET that no endpoint
/// answers outside the API's paths (the console routes in the browser). Anonymous, like any page before signing in: the
/// data comes from the API, which checks the token. Its pages get a CSP of their own: self, and the identity provider
/// it signs in with; every other response keeps the gateway's.
/// </summary>
public static class ConsoleHosting
{
    /// <summary>Where the console finds its OpenID Connect provider, its client id and the services.</summary>
    public const string ConfigPath = "/console-config.json";
    private static readonly string[] ApiPrefixes = ["/api", "/health", "/openapi", "/metrics"];

    public static WebApplication UseConsole(this WebApplication app)
    {
        var root = app.Configuration["Console:Root"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        var authority = app.Configuration["Auth:Authority"] is { Length: > 0 } a ? a : null;
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            authority,
            clientId = app.Configuration["Console:ClientId"] is { Length: > 0 } id ? id : "console",
            // The manifest's services: the console lists their collections and hides what their writers alone may do.
            services = ServiceManifest.Services.Select(s => new { s.Name, s.Route, s.Writers, s.KeepsStreams }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var policy = ContentSecurityPolicy(authority);
        IFileProvider files = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();

        app.UseWhen(http => IsConsoleRequest(http), console =>
        {
            console.Use((http, next) =>
            {
                http.Items[GatewayLimits.ContentSecurityPolicyItem] = policy;
                if (http.Request.Path == ConfigPath)
                {
                    http.Response.ContentType = "application/json";
                    http.Response.Headers.CacheControl = "no-store";
                    return http.Response.Body.WriteAsync(config).AsTask();
                }
                return next(http);
            });
            console.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                // Vite's file names carry a content hash: cache them for good; index.html never.
                OnPrepareResponse = f => f.Context.Response.Headers.CacheControl =
                    f.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
            });
            console.Run(async http =>
            {
                var index = files.GetFileInfo("index.html");
                if (!index.Exists)
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    await http.Response.WriteAsync("The console is not built: cd gateway/console && npm ci && npm run build");
                    return;
                }
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.SendFileAsync(index);
            });
        });
        return app;
    }

    /// <summary>A GET or HEAD that no endpoint (API route, health, OpenAPI, API reference) answers, outside the API's paths.</summary>
    private static bool IsConsoleRequest(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.GetEndpoint() is null
        && !ApiPrefixes.Any(prefix => http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    private static string ContentSecurityPolicy(string? authority)
    {
        var provider = authority is not null && Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
               $"connect-src 'self'{provider}; manifest-src 'self'; base-uri 'none'; form-action 'self'{provider}; frame-ancestors 'none'";
    }
}
