namespace Diplomacy.ServiceDefaults.Messaging;

/// <summary>
/// How the consumers that follow the services' events for their own views (Portfolio's analyses, Integrations' log)
/// gather messages into one transaction. Each event reaches them at the moment it reaches the services whose next step
/// waits on it (Exports opening a lead); a lone message waits <see cref="Wait"/> for company, so their commits leave
/// those milliseconds to the waiting path, and under load a batch fills at once.
/// </summary>
public static class ConsumerBatches
{
    /// <summary>At most this many messages in one transaction.</summary>
    public const int MaxSize = 64;

    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(10);
}
