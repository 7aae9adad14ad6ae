using System.Threading.Channels;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;

namespace Diplomacy.Integrations.Feed;

/// <summary>
/// Writes the log in batches, in the order the broker delivered the messages. One message at a time, each in its own
/// transaction, the log kept up with 100–150 messages a second while every command makes two. Now the log queue's
/// consumers run side by side and each hands its entry here, waiting for the commit before its message is acknowledged;
/// the writer puts the entries back in delivery order (RabbitMQ numbers a channel's deliveries 1, 2, 3, ...) and commits
/// each run of consecutive ones that has arrived, up to <see cref="MaxBatch"/>, with one de-duplication read and one
/// transaction. Side by side, delivery 7 may reach the writer before delivery 6: 6 is waited for. (MassTransit's batch
/// consumers sort only within a batch, so two messages racing across a batch's end could swap.)
/// </summary>
public sealed class LogWriter : IAsyncDisposable
{
    /// <summary>The most entries one transaction writes, and so the messages the log queue keeps in flight.</summary>
    public const int MaxBatch = ConsumerBatches.MaxSize;

    /// <summary>
    /// How long a missing delivery is waited for before the ones after it are written: a message that failed before
    /// reaching the writer (it is retried, or goes to the error queue) must not hold the log.
    /// </summary>
    public static readonly TimeSpan GapTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The same for deliveries of a batch that failed: their consumers retry them a second later (an outage).</summary>
    public static readonly TimeSpan RetryGapTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// One message's entry. <paramref name="Event"/> is null for a message that could not be made into one: its place in
    /// the order is given up at once instead of waited for.
    /// </summary>
    public sealed record Entry(string? ConsumerTag, ulong? DeliveryTag, ConsumedEvent? Event)
    {
        internal TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly IDocumentStore _store;
    private readonly ILogger<LogWriter> _logger;
    private readonly Channel<Entry> _incoming = Channel.CreateUnbounded<Entry>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    // Only the loop touches these. The order is per consumer (its channel): a new consumer tag starts at delivery 1.
    private string? _consumerTag;
    private readonly HashSet<string> _retiredConsumerTags = [];
    private ulong _next = 1;
    private readonly SortedDictionary<ulong, Entry> _waiting = [];
    private readonly List<Entry> _unordered = [];
    private DateTime? _gapSince;
    private ulong _retryingUpTo;

    public LogWriter(IDocumentStore store, ILogger<LogWriter> logger)
    {
        (_store, _logger) = (store, logger);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when the entry is committed (or was logged before); fails when its batch could not be.</summary>
    public Task WriteAsync(Entry entry)
    {
        if (!_incoming.Writer.TryWrite(entry)) entry.Done.TrySetException(new ObjectDisposedException(nameof(LogWriter)));
        return entry.Done.Task;
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await WaitForWorkAsync(token);
                // Short of a full batch, the first entry waits a little for company (ConsumerBatches says why).
                if (_waiting.Count + _unordered.Count < MaxBatch) await Task.Delay(ConsumerBatches.Wait, token);
                Drain();
                var batch = TakeReady();
                if (batch.Count > 0) await CommitAsync(batch, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            catch (Exception e)
            {
                // Never leave the loop while the service runs: every message of the log queue would wait on it for good.
                _logger.LogError(e, "The log writer failed; it goes on");
            }
        }
        foreach (var entry in _waiting.Values.Concat(_unordered)) entry.Done.TrySetCanceled();
    }

    /// <summary>Returns when entries are ready, or a missing delivery has been waited for long enough (then skipped).</summary>
    private async Task WaitForWorkAsync(CancellationToken token)
    {
        while (_unordered.Count == 0 && !_waiting.ContainsKey(_next))
        {
            if (_waiting.Count == 0)
            {
                _gapSince = null;
                if (!await _incoming.Reader.WaitToReadAsync(token)) return;
            }
            else
            {
                _gapSince ??= DateTime.UtcNow;
                var left = (_next <= _retryingUpTo ? RetryGapTimeout : GapTimeout) - (DateTime.UtcNow - _gapSince.Value);
                var arrived = left > TimeSpan.Zero && await WaitToReadAsync(left, token);
                if (!arrived)
                {
                    _logger.LogWarning("Delivery {Missing} did not reach the log in time; writing from {Next}", _next, _waiting.Keys.First());
                    _next = _waiting.Keys.First();
                    _gapSince = null;
                }
            }
            Drain();
        }
    }

    private async Task<bool> WaitToReadAsync(TimeSpan timeout, CancellationToken token)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
        wait.CancelAfter(timeout);
        try { return await _incoming.Reader.WaitToReadAsync(wait.Token); }
        catch (OperationCanceledException) when (!token.IsCancellationRequested) { return false; }
    }

    private void Drain()
    {
        while (_incoming.Reader.TryRead(out var entry))
        {
            if (entry is not { ConsumerTag: { } consumer, DeliveryTag: { } tag } || _retiredConsumerTags.Contains(consumer))
            {
                _unordered.Add(entry);
                continue;
            }
            if (consumer != _consumerTag)
            {
                // A new channel (the broker connection was lost, or the endpoint restarted): what the old one still holds
                // was redelivered on the new one, so it is written as it comes, and the order starts again.
                if (_consumerTag is not null) _retiredConsumerTags.Add(_consumerTag);
                _unordered.AddRange(_waiting.Values);
                _waiting.Clear();
                (_consumerTag, _next, _gapSince) = (consumer, 1, null);
            }
            if (tag < _next || !_waiting.TryAdd(tag, entry)) _unordered.Add(entry); // after a skipped gap, or a retry racing itself
        }
    }

    private List<Entry> TakeReady()
    {
        var batch = new List<Entry>(_unordered);
        _unordered.Clear();
        while (batch.Count < MaxBatch && _waiting.Remove(_next, out var entry))
        {
            batch.Add(entry);
            _next++;
        }
        if (_waiting.ContainsKey(_next) || _waiting.Count == 0) _gapSince = null;
        return batch;
    }

    private async Task CommitAsync(List<Entry> batch, CancellationToken token, bool inOrder = true)
    {
        try
        {
            await using var session = _store.LightweightSession();
            await HandledMessages.AppendOnceAsync(session, [.. batch.Select(e => e.Event).OfType<ConsumedEvent>()], token);
            await session.SaveChangesAsync(token);
            foreach (var entry in batch) entry.Done.TrySetResult();
        }
        catch (Exception e) when (batch.Count > 1 && !ServerUnavailable.Is(e) && !token.IsCancellationRequested)
        {
            // Not an outage: one entry may be what fails. One at a time, in order, only that one fails (and is retried,
            // then goes to the error queue) instead of taking its neighbours along.
            _logger.LogWarning(e, "A batch of {Count} log entries failed; writing them one at a time", batch.Count);
            foreach (var entry in batch) await CommitAsync([entry], token, inOrder: false);
        }
        catch (Exception e)
        {
            // The messages are retried by their consumers' policy and come back with the same delivery tags, ahead of the
            // ones waiting: the order starts again from the first of them.
            var failed = batch.Where(x => x.ConsumerTag == _consumerTag && x.DeliveryTag is not null).Select(x => x.DeliveryTag!.Value).ToList();
            if (inOrder && failed.Count > 0 && failed.Min() < _next) (_next, _retryingUpTo) = (failed.Min(), failed.Max());
            foreach (var entry in batch) entry.Done.TrySetException(e);
            if (e is OperationCanceledException && token.IsCancellationRequested) throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _incoming.Writer.TryComplete();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }
}
