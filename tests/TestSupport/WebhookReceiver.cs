using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Diplomacy.TestSupport;

/// <summary>One request the receiver got, and whether its signature held.</summary>
public sealed record ReceivedWebhook(string WebhookId, string Payload, IHeaderDictionary Headers, DateTimeOffset ArrivedAt, bool Verified)
{
    public JsonElement Event => JsonDocument.Parse(Payload).RootElement;
    public string EventId => Event.GetProperty("id").GetString()!;
    public string Subject => Event.GetProperty("subject").GetString()!;
    public long Sequence => long.Parse(Event.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A department's system as a webhook target: a real Kestrel on a loopback port that verifies every request with the
/// StandardWebhooks library (401 when it fails), de-duplicates on <c>webhook-id</c>, and answers as the test says.
/// It can be stopped and started again on the same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    public WebhookReceiver(string secret, int? port = null) => (Secrets, Port) = ([secret], port ?? FreePorts.Take(1)[0]);

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The secrets it accepts a signature of (any one is enough).</summary>
    public List<string> Secrets { get; }

    /// <summary>The status it answers a verified request with; or a delay before answering.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.NoContent;
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public ConcurrentQueue<ReceivedWebhook> All { get; } = new();
    public ConcurrentDictionary<string, ReceivedWebhook> Unique { get; } = new();
    public IEnumerable<ReceivedWebhook> Rejected => All.Where(r => !r.Verified);

    public async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var payload = await reader.ReadToEndAsync();
            var verified = Verify(payload, http.Request.Headers, Secrets);
            var received = new ReceivedWebhook(http.Request.Headers["webhook-id"].ToString(), payload,
                new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), DateTimeOffset.UtcNow, verified);
            All.Enqueue(received);
            if (!verified) return Results.StatusCode(StatusCodes.Status401Unauthorized);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, http.RequestAborted);
            if ((int)Answer < 300) Unique.TryAdd(received.WebhookId, received);
            return Results.StatusCode((int)Answer);
        });
        await _app.StartAsync();
        return this;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>
    /// True when one of the header's signatures verifies with one of <paramref name="secrets"/>. Each signature is given
    /// to the library on its own: StandardWebhooks 1.1.2 stops before the last of several space-separated signatures.
    /// </summary>
    public static bool Verify(string payload, IHeaderDictionary headers, IEnumerable<string> secrets)
    {
        var signatures = headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var secret in secrets)
            foreach (var signature in signatures)
            {
                var one = new HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signature };
                try
                {
                    new StandardWebhook(secret).Verify(payload, one);
                    return true;
                }
                catch (WebhookVerificationException) { }
            }
        return false;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
