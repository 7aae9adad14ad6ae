namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// The wait of a long-polling read: take the signal of the next change BEFORE reading, read, and when there is nothing
/// to answer yet, wait here for that signal.
/// </summary>
public static class LongPoll
{
    /// <summary>Waits for <paramref name="next"/> or the timeout; true when something changed.</summary>
    public static async Task<bool> WaitAsync(Task next, TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero) return next.IsCompleted;
        try { await next.WaitAsync(timeout, ct); return true; }
        catch (TimeoutException) { return false; }
    }
}
