namespace Diplomacy.Identity;

/// <summary>The <c>Identity</c> section: who may ask for tokens, where the development keys live, which audience tokens name.</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>The <c>aud</c> of every access token: what the gateway and the services expect.</summary>
    public string Audience { get; set; } = "diplomacy";

    /// <summary>Where the development signing key, encryption key, tool secret and demo password are kept (created on first start).</summary>
    public string KeyDirectory { get; set; } = "";

    /// <summary>The issuer to announce; empty: the address the provider is reached at.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The web console: a public client (no secret) that signs users in with the authorization code and PKCE.</summary>
    public ConsoleClient Console { get; set; } = new();

    /// <summary>Local tools (deploy/token.sh, the demo data loader): confidential clients that share the tool secret.</summary>
    public List<string> ToolClients { get; set; } = [];

    public sealed class ConsoleClient
    {
        public string ClientId { get; set; } = "console";
        public List<string> RedirectUris { get; set; } = [];
        public List<string> PostLogoutRedirectUris { get; set; } = [];

        /// <summary>
        /// How long the console's access tokens last (<c>Identity__Console__AccessTokenLifetime=00:01:15</c>); empty: the
        /// provider's 30 minutes. The console renews silently with its refresh token a minute before the end, so tests
        /// shorten it to see renewals happen.
        /// </summary>
        public TimeSpan? AccessTokenLifetime { get; set; }

        /// <summary>The origins the console runs at: those may call the token endpoint from the browser.</summary>
        public string[] Origins() =>
            RedirectUris.Concat(PostLogoutRedirectUris)
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
                .OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
    }
}

/// <summary>One demo account: a person of a department holding a role.</summary>
public sealed record DemoAccount(string UserName, string DisplayName, string Role, string Department);

/// <summary>The demo accounts: one per department and role, all with the checkout's demo password.</summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<(string Code, string Name)> Departments =
    [
        ("international-relations", "International Relations Division"),
        ("global-urban-partnership", "Global Urban Partnership Division"),
        ("inter-korean-cooperation", "Inter-Korean Cooperation Division"),
        ("diplomacy-strategy", "Diplomacy Strategy Division"),
    ];

    public static readonly IReadOnlyList<string> Roles = ["viewer", "editor", "auditor", "admin"];

    /// <summary>"editor.international-relations": the role first, so the accounts of one role sort together.</summary>
    public static readonly IReadOnlyList<DemoAccount> All =
        Departments.SelectMany(d => Roles.Select(r => new DemoAccount($"{r}.{d.Code}", $"{d.Name} {r}", r, d.Code))).ToList();

    public static DemoAccount? Find(string? userName) =>
        All.FirstOrDefault(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase));
}
