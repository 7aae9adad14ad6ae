using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Integrations.Webhooks;

/// <summary>
/// A department registered a webhook: events of <paramref name="EventTypes"/> are signed with the secret
/// <paramref name="SecretId"/> names and posted to <paramref name="Url"/>. The secret itself is never in an event
/// (history is exported and read by auditors); it is kept encrypted beside the stream (<see cref="WebhookSecret"/>).
/// </summary>
/// <summary>An event of a webhook subscription.</summary>
public interface IWebhookEvent : IEventOf<WebhookSubscription>;

public sealed record WebhookRegistered(string Department, string Url, IReadOnlyList<string> EventTypes, string SecretId, DateTimeOffset RegisteredAt)
    : IWebhookEvent;

/// <summary>A new signing secret; the ones still signing at <paramref name="RotatedAt"/> keep signing until <paramref name="PreviousRetireAt"/>.</summary>
public sealed record WebhookSecretRotated(string SecretId, DateTimeOffset RotatedAt, DateTimeOffset PreviousRetireAt) : IWebhookEvent;

/// <summary>Deliveries stopped: by the owner, or because they kept failing (<paramref name="Automatic"/>).</summary>
public sealed record WebhookDeactivated(string Reason, bool Automatic, DateTimeOffset DeactivatedAt) : IWebhookEvent;

public sealed record WebhookReactivated(DateTimeOffset ReactivatedAt) : IWebhookEvent;

public enum WebhookStatus
{
    Active = 1,
    Deactivated,
}

/// <summary>A signing secret by its id, and when it stops signing (never, for the current one).</summary>
public sealed record SigningSecret(string Id, DateTimeOffset? RetiresAt);

/// <summary>A webhook subscription: where, what, signed with which secrets, and whether deliveries are on.</summary>
public sealed class WebhookSubscription : IAggregate<WebhookSubscription, IWebhookEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Department { get; init; } = "";
    public string Url { get; init; } = "";
    public IReadOnlyList<string> EventTypes { get; init; } = [];
    public DateTimeOffset RegisteredAt { get; init; }
    public WebhookStatus Status { get; init; } = WebhookStatus.Active;
    /// <summary>Why deliveries stopped, for the owner to read; null while active.</summary>
    public string? DeactivationReason { get; init; }
    public DateTimeOffset? DeactivatedAt { get; init; }
    public IReadOnlyList<SigningSecret> Secrets { get; init; } = [];

    /// <summary>The secrets that sign at <paramref name="now"/>: the current one and any still in their overlap window.</summary>
    public IEnumerable<SigningSecret> SigningAt(DateTimeOffset now) => Secrets.Where(s => s.RetiresAt is null || s.RetiresAt > now);

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(WebhookRegistered)] = "webhook_registered",
        [typeof(WebhookSecretRotated)] = "webhook_secret_rotated",
        [typeof(WebhookDeactivated)] = "webhook_deactivated",
        [typeof(WebhookReactivated)] = "webhook_reactivated",
    };

    public static WebhookSubscription? Fold(WebhookSubscription? state, IWebhookEvent @event) => (state, @event) switch
    {
        (null, WebhookRegistered e) => new WebhookSubscription
        {
            Department = e.Department, Url = e.Url, EventTypes = e.EventTypes, RegisteredAt = e.RegisteredAt,
            Secrets = [new SigningSecret(e.SecretId, null)],
        },
        ({ } s, WebhookSecretRotated e) => s.With(secrets:
        [
            // Retired ones are dropped; the ones still signing get the overlap window, after which the new one signs alone.
            .. s.Secrets.Where(x => x.RetiresAt is null || x.RetiresAt > e.RotatedAt)
                .Select(x => x.RetiresAt is null || x.RetiresAt > e.PreviousRetireAt ? x with { RetiresAt = e.PreviousRetireAt } : x),
            new SigningSecret(e.SecretId, null),
        ]),
        ({ } s, WebhookDeactivated e) => s.With(WebhookStatus.Deactivated, e.Reason, e.DeactivatedAt),
        ({ } s, WebhookReactivated) => s.With(WebhookStatus.Active, null, null),
        _ => state,
    };

    private WebhookSubscription With(WebhookStatus? status = null, string? reason = null, DateTimeOffset? at = null, IReadOnlyList<SigningSecret>? secrets = null)
    {
        var statusChanges = status is not null;
        return new()
        {
            Id = Id, Version = Version, Department = Department, Url = Url, EventTypes = EventTypes, RegisteredAt = RegisteredAt,
            Status = status ?? Status,
            DeactivationReason = statusChanges ? reason : DeactivationReason,
            DeactivatedAt = statusChanges ? at : DeactivatedAt,
            Secrets = secrets ?? Secrets,
        };
    }
}
