using Npgsql;

namespace Diplomacy.Integrations.Feed;

/// <summary>
/// Wakes long-polling feed readers and the webhook dispatcher when the log moves: every replica LISTENs on one
/// PostgreSQL channel that the fan-out (and a redelivery request) NOTIFYs in its transaction, so a waiter wakes on the
/// commit of any replica, with no polling loop.
/// </summary>
public sealed class LogSignal(NpgsqlDataSource dataSource, ILogger<LogSignal> logger) : BackgroundService
{
    public const string Channel = "diplomacy_integrations_log";
    // A statement without a result set: Marten batches it with the session's own commands and reads their results in order.
    public const string NotifySql = $"notify {Channel}";

    private TaskCompletionSource _next = NewSource();

    /// <summary>
    /// The moment of the next change. Take it BEFORE reading, then read, then await it (<see cref="Diplomacy.ServiceDefaults.Http.LongPoll"/>):
    /// a change committed in between completes it, so none is missed.
    /// </summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Pulse();
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                // Whatever was committed while not listening is read by the waiters now.
                Pulse();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            // Any failure, not only the database's: a background service that throws stops the whole host.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Lost the log's notification channel; listening again shortly");
                Pulse();
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
