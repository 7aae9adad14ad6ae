using Diplomacy.ServiceDefaults.Security;

namespace Diplomacy.TestSupport;

/// <summary>The callers of the authorization matrix.</summary>
public enum Caller
{
    NoToken,
    Expired,
    WrongSignature,
    WrongAudience,
    Viewer,
    EditorOfAnotherDepartment,
    EditorOfOwningDepartment,
    Auditor,
    Admin,
}

/// <summary>Tokens signed with a test fixture's own development key, for any role, department and client, and broken ones.</summary>
public sealed class TestTokens(string key)
{
    /// <summary>The base64 key the fixture gives its processes as <c>Auth:DevelopmentSigningKey</c>.</summary>
    public string Key { get; } = key;

    public static TestTokens WithNewKey() => new(DevelopmentTokens.NewKey());

    public string Mint(string role, string? department = null, string client = "tests", string user = "test-user",
        TimeSpan? lifetime = null, string audience = DevelopmentTokens.DefaultAudience, string issuer = DevelopmentTokens.DefaultIssuer) =>
        DevelopmentTokens.Mint(Key, user, role, department, client, lifetime ?? TimeSpan.FromHours(1), issuer, audience);

    public string Admin() => Mint(Roles.Admin, client: "tests-admin", user: "test-admin");

    public string Expired() => Mint(Roles.Admin, lifetime: TimeSpan.FromMinutes(-10));

    public string WrongSignature() => DevelopmentTokens.Mint(DevelopmentTokens.NewKey(), "intruder", Roles.Admin, null, "tests", TimeSpan.FromHours(1));

    public string WrongAudience() => Mint(Roles.Admin, audience: "someone-else");

    /// <summary>The token of <paramref name="caller"/> (null for <see cref="Caller.NoToken"/>); the owning department writes the service.</summary>
    public string? For(Caller caller, string owningDepartment, string otherDepartment) => caller switch
    {
        Caller.NoToken => null,
        Caller.Expired => Expired(),
        Caller.WrongSignature => WrongSignature(),
        Caller.WrongAudience => WrongAudience(),
        Caller.Viewer => Mint(Roles.Viewer, owningDepartment),
        Caller.EditorOfAnotherDepartment => Mint(Roles.Editor, otherDepartment),
        Caller.EditorOfOwningDepartment => Mint(Roles.Editor, owningDepartment),
        Caller.Auditor => Mint(Roles.Auditor, "audit-office"),
        Caller.Admin => Admin(),
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };
}
