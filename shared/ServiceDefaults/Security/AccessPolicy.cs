using System.Security.Claims;

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

    public static readonly IReadOnlyList<string> All = [Viewer, Editor, Auditor, Admin];
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
    /// <summary>The query parameters that replay a stream to a past state.</summary>
    private static readonly string[] ReplayParameters = ["asOf", "version"];

    public static bool IsAnonymous(string path) =>
        IsUnder(path, "/health") || IsUnder(path, "/openapi") || IsUnder(path, "/metrics");

    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path, without the query ("/api/membership/networks").</param>
    /// <param name="queryKeys">The names of the query parameters.</param>
    /// <param name="user">The authenticated principal, or an unauthenticated one.</param>
    /// <param name="writers">Which departments write which service.</param>
    public static Access Decide(string method, string path, IEnumerable<string> queryKeys, ClaimsPrincipal user, WritersTable writers)
    {
        if (IsAnonymous(path)) return Access.Allowed;
        if (user.Identity?.IsAuthenticated != true) return Access.Unauthenticated;

        var roles = user.FindAll(PlatformClaims.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (roles.Contains(Roles.Admin)) return Access.Allowed;

        if (IsRead(method))
        {
            if (IsAuditRead(path, queryKeys))
                return roles.Contains(Roles.Auditor) ? Access.Allowed : Access.Forbidden;
            return roles.Overlaps([Roles.Viewer, Roles.Editor, Roles.Auditor]) ? Access.Allowed : Access.Forbidden;
        }

        if (!roles.Contains(Roles.Editor) || ServiceOf(path) is not { } service) return Access.Forbidden;
        var department = user.FindFirst(PlatformClaims.Department)?.Value;
        return department is not null && writers.Writes(department, service) ? Access.Allowed : Access.Forbidden;
    }

    public static bool IsRead(string method) =>
        HttpMethodIs(method, "GET") || HttpMethodIs(method, "HEAD");

    /// <summary>History, verification, export and replay: what auditors read.</summary>
    public static bool IsAuditRead(string path, IEnumerable<string> queryKeys)
    {
        var segments = Segments(path);
        if (segments.Length >= 2 && Is(segments[0], "api") && Is(segments[1], "audit")) return true;            // the gateway's audit door
        if (segments.Length >= 3 && Is(segments[0], "api") && Is(segments[2], "audit")) return true;            // /api/{service}/audit/**
        if (segments.Any(s => Is(s, "history") || Is(s, "verify"))) return true;
        return queryKeys.Any(k => ReplayParameters.Any(r => Is(k, r)));
    }

    /// <summary>"membership" for "/api/membership/networks"; null outside <c>/api/{service}</c>.</summary>
    public static string? ServiceOf(string path)
    {
        var segments = Segments(path);
        return segments.Length >= 2 && Is(segments[0], "api") ? segments[1].ToLowerInvariant() : null;
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsUnder(string path, string prefix) =>
        path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool HttpMethodIs(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Which departments write which service (<c>Auth:Writers:&lt;service&gt;</c> = department codes), by the service's path
/// segment. A service that is not configured keeps its default; a service with no writers is written by admins only.
/// </summary>
public sealed class WritersTable
{
    /// <summary>The defaults: the division that owns each service's initiatives.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Defaults = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["membership"] = ["international-relations"],
        ["exchanges"] = ["global-urban-partnership"],
        ["exports"] = ["global-urban-partnership"],
        ["peace"] = ["inter-korean-cooperation"],
        ["portfolio"] = [],
    };

    private readonly Dictionary<string, HashSet<string>> _writers;

    public WritersTable(IReadOnlyDictionary<string, string[]>? overrides = null)
    {
        _writers = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (service, departments) in Defaults) _writers[service] = new(departments, StringComparer.OrdinalIgnoreCase);
        foreach (var (service, departments) in overrides ?? new Dictionary<string, string[]>())
            _writers[service] = new(departments, StringComparer.OrdinalIgnoreCase);
    }

    public bool Writes(string department, string service) =>
        _writers.TryGetValue(service, out var departments) && departments.Contains(department);

    public IReadOnlyCollection<string> WritersOf(string service) =>
        _writers.TryGetValue(service, out var departments) ? departments : [];
}
