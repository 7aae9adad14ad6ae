namespace Diplomacy.Integrations.Webhooks;

/// <summary>
/// The <c>Webhooks</c> section. The retry schedule is configuration so tests can run a day's schedule in seconds:
/// the n-th retry waits <see cref="FirstRetryDelay"/> doubled n-1 times, at most <see cref="MaxRetryDelay"/>, with jitter,
/// until the delivery has failed for <see cref="GiveUpAfter"/>; then the subscription is deactivated.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Origins the operator allows beside public https ones, comma-separated: <c>http://127.0.0.1,http://localhost</c>.</summary>
    public string AllowedHosts { get; set; } = "";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long the old secret keeps signing after a rotation, unless the request names another window.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Deliveries in flight at once (each to a different subscription and initiative, so order holds).</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>Base64 of 32 bytes that encrypt the signing secrets at rest. Required in Production.</summary>
    public string? SecretKey { get; set; }

    public IReadOnlyList<Uri> AllowedOrigins() =>
    [
        .. AllowedHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) ? uri
                : throw new InvalidOperationException($"Webhooks:AllowedHosts: '{origin}' is not an origin such as http://localhost.")),
    ];

    /// <summary>The delay before retry <paramref name="attempt"/> (1 = the first retry), with "equal jitter": half fixed, half random.</summary>
    public TimeSpan RetryDelay(int attempt, Random random)
    {
        var exponential = FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + random.NextDouble() * capped / 2);
    }
}
