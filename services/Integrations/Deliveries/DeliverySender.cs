using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Diplomacy.Integrations.Feed;
using Diplomacy.Integrations.Webhooks;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Diplomacy.Integrations.Deliveries;

/// <summary>What one attempt came to.</summary>
public sealed record AttemptOutcome(bool Delivered, int? StatusCode, string? Error, TimeSpan Latency);

/// <summary>
/// Posts one CloudEvent, signed per Standard Webhooks with every secret that signs now (two during a rotation's
/// overlap), through a client that connects only to addresses <see cref="TargetPolicy"/> allows and never follows a
/// redirect. Any 2xx is delivered; anything else, or no answer in time, is an attempt to retry.
/// </summary>
public sealed class DeliverySender(IHttpClientFactory clients, TargetPolicy targets, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";

    public async Task<AttemptOutcome> SendAsync(string url, string webhookId, string payload, IReadOnlyList<string> secrets, CancellationToken ct)
    {
        var elapsed = Stopwatch.StartNew();
        var uri = new Uri(url);
        if (uri.Scheme != Uri.UriSchemeHttps && !targets.IsAllowedOrigin(uri.Scheme, uri.IdnHost))
            return new(false, null, "The target is not https and its origin is not allowed.", elapsed.Elapsed);

        var timestamp = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(payload, Encoding.UTF8, CloudEvents.MediaType),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", string.Join(' ', secrets.Select(s => new StandardWebhook(s).Sign(webhookId, timestamp, payload))));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new(true, code, null, elapsed.Elapsed)
                : new(false, code, $"HTTP {code} {response.ReasonPhrase}".TrimEnd(), elapsed.Elapsed);
        }
        catch (HttpRequestException e) when (e.InnerException is TargetRefusedException refused)
        {
            return new(false, null, $"Refused: {refused.Message}", elapsed.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return new(false, null, e.Message, elapsed.Elapsed);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(false, null, $"No answer within {options.Value.Timeout.TotalSeconds:0.###} s.", elapsed.Elapsed);
        }
    }

    /// <summary>The client's connect step: resolves the host itself and connects only to addresses it has checked.</summary>
    public static async ValueTask<Stream> ConnectAsync(TargetPolicy targets, SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var scheme = context.InitialRequestMessage.RequestUri?.Scheme ?? Uri.UriSchemeHttps;
        var addresses = targets.IsAllowedOrigin(scheme, host)
            ? await System.Net.Dns.GetHostAddressesAsync(host, ct)
            : await TargetPolicy.CheckAddressesAsync(host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
