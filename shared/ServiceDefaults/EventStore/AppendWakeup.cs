using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>
/// Wakes the async daemon as soon as events are committed, without a NOTIFY inside the appending transaction (a NOTIFY
/// takes a cluster-wide lock at commit, so commits stop sharing a WAL flush). After a commit that appended events,
/// <see cref="Listener"/> raises a flag the daemon's high-water loop checks in this process, and a single background
/// loop sends one coalesced NOTIFY on its own connection for the replicas that hold the daemon elsewhere. A wake-up
/// that arrives while the daemon is busy stays pending until its next wait (Marten's own LISTEN wake-up drains those,
/// which is what left appends waiting for the 1-s slow poll). Reads that wait for a change (<c>?wait=</c>) await
/// <see cref="NextCommit"/>, which the same commits complete.
/// </summary>
public sealed class AppendWakeup : IDaemonWakeup, IAsyncDisposable
{
    public const string Channel = "diplomacy_events_appended";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _daemon = new(0, 1);
    private readonly SemaphoreSlim _notify = new(0, 1);
    private readonly Task _notifier;
    private Task? _listener;
    private readonly Lock _listenerLock = new();
    // Sent with each NOTIFY, so this process ignores its own: it has woken its daemon already, and the echo would make the
    // daemon look for new events twice per commit.
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly string _notifyCommand;
    private TaskCompletionSource _nextCommit = NewCommitSource();

    public AppendWakeup(string connectionString, ILogger logger)
    {
        // Its own small pool: the wake-ups never wait behind the service's requests for a connection. Two: the notifier's
        // and, where the daemon runs, the listener's.
        _dataSource = new NpgsqlDataSourceBuilder(connectionString) { ConnectionStringBuilder = { MaxPoolSize = 2, Enlist = false } }.Build();
        _logger = logger;
        _notifyCommand = $"NOTIFY {Channel}, '{_instance}'";
        _notifier = Task.Run(NotifyLoopAsync);
        Listener = new CommitListener(this);
    }

    /// <summary>The session listener that signals a commit with events; add it to the store's listeners.</summary>
    public IDocumentSessionListener Listener { get; }

    /// <summary>Called by the daemon's high-water loop: returns at once when events were committed since it last looked.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        EnsureListening();
        await _daemon.WaitAsync(timeout, token);
    }

    /// <summary>
    /// Completes at the next commit that appends events to this store, in this process or in another replica (heard
    /// through LISTEN, which this starts). Take it BEFORE reading, then read, then await it: a commit in between completes
    /// it, so none is missed. What long-polling reads wait on.
    /// </summary>
    public Task NextCommit
    {
        get
        {
            EnsureListening();
            return Volatile.Read(ref _nextCommit).Task;
        }
    }

    /// <summary>
    /// Events were committed (here or, through LISTEN, by another replica): wake the daemon, at most one pending, and
    /// whoever waits for the next commit.
    /// </summary>
    private void Wake()
    {
        Signal(_daemon);
        CommitHeard();
    }

    private void CommitHeard() => Interlocked.Exchange(ref _nextCommit, NewCommitSource()).TrySetResult();

    // Continuations run on the pool, never inline on the committing thread.
    private static TaskCompletionSource NewCommitSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Appended()
    {
        Wake();
        Signal(_notify);
    }

    /// <summary>
    /// Releases a one-slot semaphore unless a release is already pending. Under load most commits find one pending, and
    /// letting Release throw SemaphoreFullException for each cost every commit two exceptions.
    /// </summary>
    private static void Signal(SemaphoreSlim semaphore)
    {
        if (semaphore.CurrentCount > 0) return;
        try { semaphore.Release(); } catch (SemaphoreFullException) { } catch (ObjectDisposedException) { } // lost a race: one is pending
    }

    /// <summary>One NOTIFY at a time, outside every append transaction: a burst of commits costs one or two.</summary>
    private async Task NotifyLoopAsync()
    {
        NpgsqlConnection? connection = null;
        try
        {
            while (!_lifetime.IsCancellationRequested)
            {
                try
                {
                    await _notify.WaitAsync(_lifetime.Token);
                    connection ??= await OpenNotifierAsync(_lifetime.Token);
                    await using var command = new NpgsqlCommand(_notifyCommand, connection);
                    await command.ExecuteNonQueryAsync(_lifetime.Token);
                }
                catch (OperationCanceledException) when (_lifetime.IsCancellationRequested) { return; }
                catch (Exception e)
                {
                    // The database is down, or was restarted under the kept connection: the daemon polls until it is
                    // back, and this NOTIFY is tried again on a new connection after the pause.
                    _logger.LogDebug(e, "Could not notify other replicas of appended events");
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                    Signal(_notify);
                    await Task.Delay(TimeSpan.FromSeconds(1), _lifetime.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// The notifier's connection, kept open: taken from the pool for each NOTIFY, it was reset first, a round of seven
    /// statements. Its commits do not wait for the WAL flush: a NOTIFY's transaction writes a commit record and holds the
    /// cluster-wide notify lock until that is flushed, and a wake-up lost in a crash costs only the daemon's next poll.
    /// </summary>
    private async Task<NpgsqlConnection> OpenNotifierAsync(CancellationToken token)
    {
        var connection = await _dataSource.OpenConnectionAsync(token);
        try
        {
            await using var command = new NpgsqlCommand("SET synchronous_commit = off", connection);
            await command.ExecuteNonQueryAsync(token);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// LISTENs for the other replicas' commits once the daemon runs here (only the HotCold leader waits on this) or a read
    /// waits for the next commit.
    /// </summary>
    private void EnsureListening()
    {
        lock (_listenerLock)
        {
            if (_listener is null || _listener.IsCompleted) _listener = Task.Run(ListenLoopAsync);
        }
    }

    private async Task ListenLoopAsync()
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(_lifetime.Token);
            connection.Notification += (_, e) => { if (e.Payload != _instance) Wake(); };
            await using (var listen = connection.CreateCommand()) { listen.CommandText = $"LISTEN {Channel}"; await listen.ExecuteNonQueryAsync(_lifetime.Token); }
            // A reader that started waiting before this LISTEN may have missed another replica's commit: it reads again now.
            CommitHeard();
            while (!_lifetime.IsCancellationRequested) await connection.WaitAsync(_lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested) { }
        catch (Exception e)
        {
            // Reconnected at the daemon's next wait; meanwhile it polls.
            _logger.LogDebug(e, "The LISTEN connection for appended events was lost");
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_lifetime.IsCancellationRequested) return;
        await _lifetime.CancelAsync();
        await Task.WhenAll(new[] { _notifier, _listener ?? Task.CompletedTask }.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        await _dataSource.DisposeAsync();
    }

    private sealed class CommitListener(AppendWakeup wakeup) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (commit.GetEvents().Any()) wakeup.Appended();
            return Task.CompletedTask;
        }
    }
}
