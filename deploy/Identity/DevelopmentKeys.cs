using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Diplomacy.Identity;

/// <summary>
/// The key material of a local provider, kept in <see cref="IdentitySettings.KeyDirectory"/> (under <c>.local/</c>,
/// git-ignored) and created on first start: an RSA key pair that signs tokens (published as the JWKS), a key that
/// encrypts authorization codes and refresh tokens, the secret the local tools share, and the demo accounts' password.
/// Kept across restarts, so tokens issued before a restart stay valid.
/// </summary>
public sealed class DevelopmentKeys
{
    public required RsaSecurityKey Signing { get; init; }
    public required SymmetricSecurityKey Encryption { get; init; }
    public required string ToolSecret { get; init; }
    public required string DemoPassword { get; init; }

    public static DevelopmentKeys LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var pem = ReadOrCreate(Path.Combine(directory, "signing-key.pem"), () =>
        {
            using var created = RSA.Create(2048);
            return created.ExportRSAPrivateKeyPem();
        });
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        // The key id is the public key's hash, so it changes when the key does and services refetch the JWKS.
        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        var encryption = ReadOrCreate(Path.Combine(directory, "encryption.key"), () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return new DevelopmentKeys
        {
            Signing = new RsaSecurityKey(rsa) { KeyId = keyId },
            Encryption = new SymmetricSecurityKey(Convert.FromBase64String(encryption.Trim())),
            ToolSecret = ReadOrCreate(Path.Combine(directory, "tools.secret"), RandomText).Trim(),
            DemoPassword = ReadOrCreate(Path.Combine(directory, "demo-password"), RandomText).Trim(),
        };
    }

    private static string RandomText() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(18));

    private static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path) && new FileInfo(path).Length > 0) return File.ReadAllText(path);
        var text = create();
        // Owner-only, like the development signing key of deploy/lib/env.sh.
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return text;
    }
}
