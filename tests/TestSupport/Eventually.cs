namespace Diplomacy.TestSupport;

/// <summary>Waits for an asynchronous effect by polling with a deadline, never by a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, TimeSpan? timeout = null, string? what = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what ?? "the expected effect"}.");
            await Task.Delay(50);
        }
    }

    public static async Task True(Func<Task<bool>> probe, TimeSpan? timeout = null, string? what = null)
    {
        await Get<object>(async () => await probe() ? new object() : null, timeout, what);
    }
}
