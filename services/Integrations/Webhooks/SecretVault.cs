using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Diplomacy.Integrations.Webhooks;

/// <summary>A signing secret, encrypted (AES-GCM, the secret's id as associated data), beside the subscription's stream.</summary>
public sealed class WebhookSecret
{
    public required string Id { get; init; }
    public required Guid SubscriptionId { get; init; }
    /// <summary>Nonce, tag and ciphertext.</summary>
    public required byte[] Sealed { get; init; }
}

/// <summary>
/// Makes signing secrets (<c>whsec_</c> and 32 random bytes in base64, as Standard Webhooks spells them) and keeps them
/// encrypted at rest: the answer that creates one is the only place its plain text appears. The key is
/// <c>Webhooks:SecretKey</c>; outside Production, without one, it is derived from the development signing key so local
/// runs and tests need no extra setting.
/// </summary>
public sealed class SecretVault
{
    public const string Prefix = "whsec_";
    private const int NonceSize = 12, TagSize = 16;
    private readonly byte[] _key;

    public SecretVault(IOptions<WebhookOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        if (options.Value.SecretKey is { Length: > 0 } configured) _key = Convert.FromBase64String(configured);
        else if (!environment.IsProduction() && configuration["Auth:DevelopmentSigningKey"] is { Length: > 0 } development)
            _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(development), 32, info: "webhook-secrets"u8.ToArray());
        else throw new InvalidOperationException("Webhooks:SecretKey (base64 of 32 bytes) is required to keep webhook signing secrets encrypted.");
        if (_key.Length != 32) throw new InvalidOperationException("Webhooks:SecretKey must be base64 of exactly 32 bytes.");
    }

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public WebhookSecret Seal(Guid subscriptionId, string secret)
    {
        var id = $"{subscriptionId:N}:{Guid.CreateVersion7():N}";
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(id));
        return new WebhookSecret { Id = id, SubscriptionId = subscriptionId, Sealed = sealedBytes };
    }

    public string Open(WebhookSecret secret)
    {
        var data = secret.Sealed.AsSpan();
        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(data[..NonceSize], data[(NonceSize + TagSize)..], data.Slice(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(secret.Id));
        return Encoding.UTF8.GetString(plain);
    }
}
