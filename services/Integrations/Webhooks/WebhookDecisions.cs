using Diplomacy.Integrations.Feed;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Integrations.Webhooks;

/// <summary>Registers a webhook: <c>https://</c> target and the integration event types (message URNs) to post to it.</summary>
public sealed record RegisterWebhook(string? Url, IReadOnlyList<string>? EventTypes)
{
    public IEnumerable<FieldError> Validate(ContractCatalog catalog)
    {
        foreach (var error in Check.NotEmpty(EventTypes, "eventTypes")) yield return error;
        for (var i = 0; i < (EventTypes?.Count ?? 0); i++)
            if (EventTypes![i] is not { } type || !catalog.Types.Contains(type))
                yield return new($"eventTypes[{i}]", "Is not an integration event type of the platform (a message URN such as urn:message:diplomacy:membership:partner-tie-signed:v1).");
    }
}

/// <summary>A new signing secret; the current ones keep signing for <paramref name="OverlapMinutes"/> (default: configured).</summary>
public sealed record RotateSecret(int? OverlapMinutes = null) : IValidatable
{
    public const int MaxOverlapMinutes = 7 * 24 * 60;

    public IEnumerable<FieldError> Validate() =>
        OverlapMinutes is { } minutes ? Check.InRange(minutes, 0, MaxOverlapMinutes, "overlapMinutes") : [];
}

public sealed record DeactivateWebhook(string Reason) : IValidatable
{
    public IEnumerable<FieldError> Validate() => Check.NotBlank(Reason, "reason", 1000);
}

public sealed record ReactivateWebhook;

/// <summary>Pure decisions of a webhook subscription; the caller passes the time.</summary>
public static class WebhookDecisions
{
    public static IWebhookEvent[] Decide(RegisterWebhook command, string department, string secretId, DateTimeOffset now) =>
        [new WebhookRegistered(department, command.Url!, [.. command.EventTypes!.Distinct(StringComparer.Ordinal)], secretId, now)];

    public static IWebhookEvent[] Decide(WebhookSubscription state, string secretId, TimeSpan overlap, DateTimeOffset now) =>
        [new WebhookSecretRotated(secretId, now, now + overlap)];

    public static IWebhookEvent[] Decide(WebhookSubscription state, DeactivateWebhook command, DateTimeOffset now)
    {
        Rule.Require(state.Status == WebhookStatus.Active, "The webhook is already deactivated.");
        return [new WebhookDeactivated(command.Reason.Trim(), Automatic: false, now)];
    }

    public static IWebhookEvent[] Decide(WebhookSubscription state, ReactivateWebhook command, DateTimeOffset now)
    {
        Rule.Require(state.Status == WebhookStatus.Deactivated, "The webhook is active.");
        return [new WebhookReactivated(now)];
    }

    /// <summary>Deliveries kept failing past the retry window: deactivate, saying why. Nothing when already deactivated.</summary>
    public static IWebhookEvent[] GiveUp(WebhookSubscription state, string reason, DateTimeOffset now) =>
        state.Status == WebhookStatus.Active ? [new WebhookDeactivated(reason, Automatic: true, now)] : [];
}
