using System.Security.Claims;
using Diplomacy.ServiceDefaults.Manifest;
using Diplomacy.ServiceDefaults.Telemetry;

namespace Diplomacy.ServiceDefaults.Security;

/// <summary>What <see cref="AccessPolicy.Decide"/> answers for one request.</summary>
public enum Access
{
    /// <summary>Go on.</summary>
    Allowed,
    /// <summary>401: no valid token (missing, expired, wrongly signed, for another audience).</summary>
    Unauthenticated,
    /// <summary>403: a valid token whose role or department does not allow this request.</summary>
    Forbidden,
}

/// <summary>The roles a token carries in its <c>role</c> claim.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
}

/// <summary>The claims the platform reads from a token.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Department = "department";
    public const string Client = "client_id";
}

/// <summary>
/// The one decision every service and the gateway take for every request, from its method, path and query alone, so that
/// no endpoint can be forgotten:
/// <list type="bullet">
/// <item><c>/health/*</c>, <c>/openapi/*</c> and the Prometheus scrape endpoint <c>/metrics</c> are open to anyone
/// (scraped from inside the cluster; keep it off a public ingress);</item>
/// <item>everything else needs a valid token (else 401);</item>
/// <item>reading history, verifying, exporting and replaying (<c>.../history</c>, <c>.../verify</c>, <c>/api/{service}/audit/**</c>,
/// <c>/api/audit/**</c>, <c>?asOf=</c>, <c>?version=</c>) is for <c>auditor</c> and <c>admin</c>;</item>
/// <item>other reads (GET, HEAD) are for <c>viewer</c>, <c>editor</c>, <c>auditor</c> and <c>admin</c>;</item>
/// <item>writes (any other method) are for an <c>editor</c> whose department writes the service named by the path
/// (<c>/api/{service}/...</c>, see <see cref="WritersTable"/>), and for <c>admin</c>; an auditor never writes.</item>
/// </list>
/// </summary>
public static class AccessPolicy
{
    public static bool IsAnonymous(string path) =>
        IsUnder(path, "/health") || IsUnder(path, "/openapi") || IsUnder(path, TelemetryExtensions.MetricsPath);

    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path, without the query ("/api/membership/networks").</param>
    /// <param name="queryKeys">The names of the query parameters.</param>
    /// <param name="user">The authenticated principal, or an unauthenticated one.</param>
    /// <param name="writers">Which departments write which service.</param>
    /// <remarks>Runs on every request of every service and the gateway, so it reads the path and the claims in place.</remarks>
    public static Access Decide(string method, string path, IEnumerable<string> queryKeys, ClaimsPrincipal user, WritersTable writers)
    {
        if (IsAnonymous(path)) return Access.Allowed;
        if (user.Identity?.IsAuthenticated != true) return Access.Unauthenticated;
        if (HasRole(user, Roles.Admin)) return Access.Allowed;

        if (IsRead(method))
        {
            if (IsAuditRead(path, queryKeys))
                return HasRole(user, Roles.Auditor) ? Access.Allowed : Access.Forbidden;
            return HasRole(user, Roles.Viewer) || HasRole(user, Roles.Editor) || HasRole(user, Roles.Auditor) ? Access.Allowed : Access.Forbidden;
        }

        if (!HasRole(user, Roles.Editor) || !TryGetService(path, out var service)) return Access.Forbidden;
        var department = user.FindFirst(PlatformClaims.Department)?.Value;
        return department is not null && writers.Writes(department, path.AsSpan()[service]) ? Access.Allowed : Access.Forbidden;
    }

    public static bool IsRead(string method) =>
        string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase);

    /// <summary>History, verification, export and replay: what auditors read.</summary>
    public static bool IsAuditRead(string path, IEnumerable<string> queryKeys)
    {
        var span = path.AsSpan();
        var index = 0;
        var underApi = false;
        foreach (var range in span.Split('/'))
        {
            var segment = span[range];
            if (segment.IsEmpty) continue;
            if (index == 0) underApi = Is(segment, "api");
            // The gateway's audit door (/api/audit/**) and every service's (/api/{service}/audit/**).
            else if (underApi && index <= 2 && Is(segment, "audit")) return true;
            if (Is(segment, "history") || Is(segment, "verify")) return true;
            index++;
        }
        // The query parameters that replay a stream to a past state.
        foreach (var key in queryKeys)
            if (Is(key, "asOf") || Is(key, "version")) return true;
        return false;
    }

    /// <summary>Where "membership" is in "/api/membership/networks"; false outside <c>/api/{service}</c>.</summary>
    private static bool TryGetService(string path, out Range service)
    {
        service = default;
        var span = path.AsSpan();
        var index = 0;
        foreach (var range in span.Split('/'))
        {
            if (span[range].IsEmpty) continue;
            if (index == 0 && !Is(span[range], "api")) return false;
            if (index == 1)
            {
                service = range;
                return true;
            }
            index++;
        }
        return false;
    }

    private static bool HasRole(ClaimsPrincipal user, string role) => user.HasClaim(PlatformClaims.Role, role);

    private static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (path.Length == prefix.Length || path[prefix.Length] == '/');

    private static bool Is(ReadOnlySpan<char> a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Which departments write which service (<c>Auth:Writers:&lt;service&gt;</c> = department codes), by the service's path
/// segment. A service that is not configured keeps its manifest default; a service with no writers, or a path segment the
/// manifest does not list, is written by admins only.
/// </summary>
public sealed class WritersTable
{
    /// <summary>The defaults: the divisions that own each service's initiatives, as the services manifest lists them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Defaults =
        ServiceManifest.Services.ToDictionary(s => s.Route, s => s.Writers.ToArray(), StringComparer.OrdinalIgnoreCase);

    // Looked up by the path's segment as it stands, so a request's check builds no string.
    private readonly Dictionary<string, HashSet<string>>.AlternateLookup<ReadOnlySpan<char>> _writers;

    public WritersTable(IReadOnlyDictionary<string, string[]>? overrides = null)
    {
        var writers = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (service, departments) in Defaults) writers[service] = new(departments, StringComparer.OrdinalIgnoreCase);
        foreach (var (service, departments) in overrides ?? new Dictionary<string, string[]>())
            writers[service] = new(departments, StringComparer.OrdinalIgnoreCase);
        _writers = writers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Writes(string department, ReadOnlySpan<char> service) =>
        _writers.TryGetValue(service, out var departments) && departments.Contains(department);
}
