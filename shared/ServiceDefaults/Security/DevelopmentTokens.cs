using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diplomacy.ServiceDefaults.Security;

/// <summary>
/// Tokens signed with the development key (HMAC-SHA256), for local runs (<c>deploy/token.sh</c>) and tests. The platform
/// refuses that key in the Production environment. This file is also compiled into <c>deploy/Token</c>, so it depends on
/// nothing but Microsoft.IdentityModel.
/// </summary>
public static class DevelopmentTokens
{
    public const string DefaultIssuer = "diplomacy-dev";
    public const string DefaultAudience = "diplomacy";

    /// <summary>The smallest key HMAC-SHA256 accepts: 32 bytes.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>A new random key, base64, as <c>Auth:DevelopmentSigningKey</c> expects it.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>The signing key from its base64 text; throws when it is not base64 or shorter than 32 bytes.</summary>
    public static SymmetricSecurityKey KeyFrom(string base64)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64.Trim()); }
        catch (FormatException) { throw new InvalidOperationException("Auth:DevelopmentSigningKey is not base64."); }
        if (bytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException($"Auth:DevelopmentSigningKey must hold at least {MinimumKeyBytes} bytes; it holds {bytes.Length}.");
        return new SymmetricSecurityKey(bytes) { KeyId = "dev" };
    }

    /// <summary>
    /// A signed JWT with <c>sub</c>, <c>name</c>, <c>role</c>, <c>department</c> (when given) and <c>client_id</c>.
    /// <paramref name="lifetime"/> may be negative: the token is then already expired.
    /// </summary>
    public static string Mint(string base64Key, string subject, string role, string? department, string client, TimeSpan lifetime,
        string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["name"] = subject,
            ["role"] = role,
            ["client_id"] = client,
        };
        if (!string.IsNullOrWhiteSpace(department)) claims["department"] = department;
        // An expired token must also have been issued and valid before it expired.
        var notBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(5) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(KeyFrom(base64Key), SecurityAlgorithms.HmacSha256),
        });
    }
}
