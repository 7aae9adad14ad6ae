using System.Net;
using System.Net.Sockets;
using Diplomacy.ServiceDefaults.Http;
using Microsoft.Extensions.Options;

namespace Diplomacy.Integrations.Webhooks;

/// <summary>A webhook target refused at delivery time; the delivery fails with this reason and is retried.</summary>
public sealed class TargetRefusedException(string message) : Exception(message);

/// <summary>
/// Where webhooks may go (SSRF): https to public addresses only, never loopback, private, link-local, IPv4-mapped or
/// other special addresses, unless the operator lists the origin in <c>Webhooks:AllowedHosts</c>. Checked when a
/// subscription is registered and again on every connection, on every address the name resolves to, so a name that
/// later resolves elsewhere (DNS rebinding) is refused too.
/// </summary>
public sealed class TargetPolicy(IOptions<WebhookOptions> options)
{
    private readonly IReadOnlyList<Uri> _allowed = options.Value.AllowedOrigins();

    /// <summary>The operator allowed this scheme and host (any port).</summary>
    public bool IsAllowedOrigin(string scheme, string host) =>
        _allowed.Any(a => string.Equals(a.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    /// <summary>What is wrong with <paramref name="url"/> as a target, resolving its host; nothing when it may be used.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(string? url, string field, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url)) return [new(field, "Is required.")];
        if (url.Length > 2000) return [new(field, "Must be at most 2000 characters.")];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return [new(field, "Must be an absolute https URL.")];
        if (uri.UserInfo.Length > 0) return [new(field, "Must not carry a user name or password.")];
        if (uri.Fragment.Length > 0) return [new(field, "Must not have a fragment.")];
        if (IsAllowedOrigin(uri.Scheme, uri.IdnHost)) return [];
        if (uri.Scheme != Uri.UriSchemeHttps) return [new(field, "Must use https.")];
        try
        {
            await CheckAddressesAsync(uri.IdnHost, ct);
            return [];
        }
        catch (TargetRefusedException refused) { return [new(field, refused.Message)]; }
    }

    /// <summary>The addresses of <paramref name="host"/>, every one of them public, or <see cref="TargetRefusedException"/>.</summary>
    public static async Task<IPAddress[]> CheckAddressesAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) addresses = [literal];
        else
        {
            try { addresses = await Dns.GetHostAddressesAsync(host, ct); }
            catch (SocketException) { throw new TargetRefusedException($"Its host {host} does not resolve."); }
        }
        if (addresses.Length == 0) throw new TargetRefusedException($"Its host {host} does not resolve.");
        foreach (var address in addresses)
            if (!IsPublic(address))
                throw new TargetRefusedException($"Its host {host} is or resolves to {address}, which is not a public address.");
        return addresses;
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsPublicV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses are refused outright, whatever they map to.
        if (address.IsIPv4MappedToIPv6 || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address)) return false;
        var b = address.GetAddressBytes();
        if (b.Take(12).All(x => x == 0)) return false;                          // ::/96, IPv4-compatible
        if ((b[0] & 0xFE) == 0xFC) return false;                                // fc00::/7 unique local
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return false; // 64:ff9b::/96 NAT64, reaches IPv4
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) return false; // 2001:db8::/32 documentation
        if (b[0] == 0x20 && b[1] == 0x02) return false;                         // 2002::/16 6to4, embeds IPv4
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) return false; // 2001::/32 Teredo
        return (b[0] & 0xE0) == 0x20;                                           // only global unicast 2000::/3
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224                  // this network, private, loopback, multicast, reserved, broadcast
        || (b[0] == 100 && (b[1] & 0xC0) == 64)                                 // 100.64/10 carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)                                         // link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)                                 // 172.16/12
        || (b[0] == 192 && b[1] == 168)                                         // 192.168/16
        || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))               // IETF protocol assignments, TEST-NET-1
        || (b[0] == 198 && (b[1] & 0xFE) == 18)                                 // 198.18/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)                           // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113));                          // TEST-NET-3
}
