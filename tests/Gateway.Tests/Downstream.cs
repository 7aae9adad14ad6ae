using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Diplomacy.Gateway.Tests;

/// <summary>
/// A stand-in service on a real socket, so YARP's real HttpClient reaches it. It echoes what it received; <c>?delayMs=</c>
/// makes it slow; it serves <c>/health/ready</c> and <c>/openapi/v1.json</c> like a platform service.
/// </summary>
public sealed class Downstream : IAsyncDisposable
{
    public const string OpenApiTitle = "Stand-in service";

    private readonly WebApplication _app;

    private Downstream(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    /// <param name="readyStatus">What its <c>/health/ready</c> answers.</param>
    /// <param name="readyDelay">How long its <c>/health/ready</c> takes to answer.</param>
    public static async Task<Downstream> StartAsync(HttpStatusCode readyStatus = HttpStatusCode.OK, TimeSpan readyDelay = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapGet("/health/ready", async (HttpContext http) =>
        {
            if (readyDelay > TimeSpan.Zero) await Task.Delay(readyDelay, http.RequestAborted);
            return Results.Text(readyStatus == HttpStatusCode.OK ? "Healthy" : "Unhealthy", statusCode: (int)readyStatus);
        });
        app.MapGet("/openapi/v1.json", () => Results.Json(new
        {
            openapi = "3.1.1",
            info = new { title = OpenApiTitle, version = "v1" },
            paths = new { },
        }));
        app.Map("/{**path}", async (HttpContext http) =>
        {
            if (int.TryParse(http.Request.Query["delayMs"], out var delay))
                await Task.Delay(delay, http.RequestAborted);
            using var reader = new StreamReader(http.Request.Body);
            return Results.Json(new Echo(
                http.Request.Method,
                http.Request.Path,
                http.Request.QueryString.Value ?? "",
                http.Request.ContentType,
                await reader.ReadToEndAsync(http.RequestAborted),
                http.Request.Headers.TraceParent.ToString(),
                http.Request.Headers["X-Forwarded-Proto"].ToString()));
        });

        await app.StartAsync();
        return new Downstream(app);
    }

    /// <summary>
    /// An address that refuses connections: a port held by a socket that is bound but never listens. A port closed again
    /// after use could be handed to another test's downstream (port 0) running alongside, which then answered 200.
    /// </summary>
    public static string ClosedAddress() => $"http://127.0.0.1:{((IPEndPoint)Refusing.LocalEndPoint!).Port}";

    private static readonly Socket Refusing = BindWithoutListening();

    private static Socket BindWithoutListening()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record Echo(string Method, string Path, string Query, string? ContentType, string Body, string TraceParent, string ForwardedProto);
