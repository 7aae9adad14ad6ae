using System.Collections.Concurrent;
using Diplomacy.Integrations.Feed;
using Diplomacy.Integrations.Webhooks;
using Diplomacy.ServiceDefaults.Http;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Diplomacy.Integrations.Deliveries;

/// <summary>
/// Sends pending deliveries. One replica at a time dispatches (it holds a PostgreSQL advisory lock on a connection of
/// its own; if it dies the lock goes with its connection and another replica takes over). It sends only the oldest
/// pending delivery of each subscription and initiative, so an initiative's events arrive in order, and many of those
/// at once. A round's outcomes are stored before the next round; a delivery is marked delivered only after a 2xx, so a
/// crash in between sends it again (at least once; receivers de-duplicate on <c>webhook-id</c>).
/// </summary>
public sealed class Dispatcher(
    IDocumentStore store, NpgsqlDataSource dataSource, LogSignal signal, EventLog log, DeliverySender sender, SecretVault vault,
    IOptions<WebhookOptions> options, TimeProvider clock, ILogger<Dispatcher> logger) : BackgroundService
{
    private const int Batch = 200;
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly WebhookOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leadership = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryLeadAsync(leadership, stoppingToken))
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                    continue;
                }
                logger.LogInformation("Dispatching webhook deliveries");
                while (!stoppingToken.IsCancellationRequested)
                {
                    var next = signal.Next;
                    var (due, earliest) = await HeadsAsync(stoppingToken);
                    if (due.Count > 0)
                    {
                        await DeliverAsync(due, stoppingToken);
                        continue;
                    }
                    var idle = earliest is { } at ? Clamp(at - clock.GetUtcNow()) : IdleCheck;
                    await LongPoll.WaitAsync(next, idle, stoppingToken);
                    // Still the leader? A lost connection has released the lock.
                    await using var ping = new NpgsqlCommand("select 1", leadership);
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            // Whatever went wrong (the database away, wrapped by Marten or not), the dispatcher must outlive it: a
            // background service that throws stops the whole host.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (ServerUnavailable.Is(e)) logger.LogWarning(e, "Webhook dispatch interrupted; resuming shortly");
                else logger.LogError(e, "Webhook dispatch failed; resuming shortly");
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > IdleCheck ? IdleCheck : wait;

    private static async Task<bool> TryLeadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('diplomacy-integrations-dispatcher'))", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The head (oldest pending) of each active subscription and initiative: those due now, and when the next falls due.</summary>
    private async Task<(IReadOnlyList<Guid> Due, DateTimeOffset? Earliest)> HeadsAsync(CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var active = (await query.Query<WebhookSubscription>().ToListAsync(ct)).Where(s => s.Status == WebhookStatus.Active).Select(s => s.Id).ToArray();
        if (active.Length == 0) return ([], null);
        await using var command = dataSource.CreateCommand($"""
            select id, next_at from (
                select distinct on (data ->> 'subscriptionId', data ->> 'subject')
                       id, (data ->> 'nextAttemptAt')::timestamptz as next_at, (data ->> 'sequence')::bigint as seq
                from {DeliveryTable} where data ->> 'status' = '{Delivery.Pending}' and (data ->> 'subscriptionId')::uuid = any($1)
                order by data ->> 'subscriptionId', data ->> 'subject', (data ->> 'sequence')::bigint) heads
            order by next_at, seq limit {Batch}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = active, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        var now = clock.GetUtcNow();
        var due = new List<Guid>();
        DateTimeOffset? earliest = null;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var at = reader.GetFieldValue<DateTimeOffset>(1);
            if (at <= now) due.Add(reader.GetGuid(0));
            else earliest = earliest is null || at < earliest ? at : earliest;
        }
        return (due, earliest);
    }

    // The table of the document alias Program.cs gives deliveries.
    private string DeliveryTable => $"\"{store.Options.DatabaseSchemaName}\".mt_doc_webhook_delivery";

    private async Task DeliverAsync(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        IReadOnlyList<Delivery> deliveries;
        Dictionary<Guid, WebhookSubscription> subscriptions;
        await using (var query = store.QuerySession())
        {
            deliveries = await query.LoadManyAsync<Delivery>(ct, ids);
            var subscriptionIds = deliveries.Select(d => d.SubscriptionId).Distinct().ToArray();
            subscriptions = (await query.LoadManyAsync<WebhookSubscription>(ct, subscriptionIds)).ToDictionary(s => s.Id);
        }
        // The round's log entries in one read, rather than one read per delivery.
        var entries = await log.ReadManyAsync([.. deliveries.Select(d => d.Sequence).Distinct()], ct);
        var attempts = new ConcurrentQueue<Attempt>();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = ct },
            async (delivery, token) =>
            {
                if (subscriptions.TryGetValue(delivery.SubscriptionId, out var subscription))
                    attempts.Enqueue(await AttemptAsync(delivery, subscription, entries, token));
            });
        await RecordAsync([.. attempts], ct);
    }

    /// <summary>A delivery after one attempt, not yet stored; <c>LoadedVersion</c> is the version it was loaded at.</summary>
    private sealed record Attempt(Delivery Delivery, WebhookSubscription Subscription, bool GiveUp, DateTimeOffset At, Guid LoadedVersion);

    private async Task<Attempt> AttemptAsync(Delivery delivery, WebhookSubscription subscription, IReadOnlyDictionary<long, LogEntry> entries, CancellationToken ct)
    {
        var entry = entries.GetValueOrDefault(delivery.Sequence)
            ?? throw new InvalidOperationException($"Delivery {delivery.Id} names log entry {delivery.Sequence}, which is not there.");
        var payload = System.Text.Encoding.UTF8.GetString(CloudEvents.Encode(entry).Span);
        var startedAt = clock.GetUtcNow();
        var secrets = await SecretsAsync(subscription, startedAt, ct);
        var outcome = await sender.SendAsync(subscription.Url, delivery.Id.ToString(), payload, secrets, ct);

        var now = clock.GetUtcNow();
        var loaded = delivery.Version;
        var giveUp = delivery.Record(outcome, startedAt, now, _options, Random.Shared);
        return new Attempt(delivery, subscription, giveUp, now, loaded);
    }

    /// <summary>
    /// Stores a round's outcomes in one transaction: a transaction per delivery held a burst back. Optimistic concurrency
    /// guards each one; when any changed since it was loaded (a redelivery was asked for meanwhile), the transaction is
    /// rolled back whole and each outcome is stored alone, so only the changed ones give way.
    /// </summary>
    private async Task RecordAsync(IReadOnlyList<Attempt> attempts, CancellationToken ct)
    {
        if (attempts.Count > 1)
        {
            try
            {
                await SaveAsync(attempts, ct);
                return;
            }
            catch (Exception e) when (ConcurrencyConflict.Is(e)) { }
        }
        foreach (var attempt in attempts)
        {
            attempt.Delivery.Version = attempt.LoadedVersion;
            try { await SaveAsync([attempt], ct); }
            catch (Exception e) when (ConcurrencyConflict.Is(e))
            {
                // A redelivery was asked for meanwhile: that request stands, and the delivery is sent again.
                logger.LogInformation("Delivery {Delivery} changed while being sent; keeping the change", attempt.Delivery.Id);
            }
        }
    }

    private async Task SaveAsync(IReadOnlyList<Attempt> attempts, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var deactivated = new HashSet<Guid>();
        // In id order, as a redelivery request writes them: crossing orders would deadlock.
        foreach (var attempt in attempts.OrderBy(a => a.Delivery.Id))
        {
            session.Store(attempt.Delivery);
            // Several deliveries of one subscription may give up in one round: it is deactivated once, for the first.
            if (attempt.GiveUp && deactivated.Add(attempt.Subscription.Id))
                await DeactivateAsync(session, attempt.Subscription, attempt.Delivery, attempt.At, ct);
        }
        await session.SaveChangesAsync(ct);
    }

    private async Task DeactivateAsync(IDocumentSession session, WebhookSubscription subscription, Delivery delivery, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<WebhookSubscription>(subscription.Id, ct);
        if (stream.Aggregate is null) return;
        var reason = $"Deliveries kept failing for {_options.GiveUpAfter}: event {delivery.EventId} failed {delivery.Attempts} times, "
            + $"last at {delivery.LastAttemptAt:O} with: {delivery.LastError}";
        WebhookMetadata.StampDispatcher(session);
        stream.AppendMany(WebhookDecisions.GiveUp(stream.Aggregate, reason, now));
    }

    private async Task<IReadOnlyList<string>> SecretsAsync(WebhookSubscription subscription, DateTimeOffset now, CancellationToken ct)
    {
        var secrets = new List<string>();
        foreach (var signing in subscription.SigningAt(now))
        {
            if (!_secrets.TryGetValue(signing.Id, out var secret))
            {
                await using var query = store.QuerySession();
                var stored = await query.LoadAsync<WebhookSecret>(signing.Id, ct)
                    ?? throw new InvalidOperationException($"The signing secret {signing.Id} of webhook {subscription.Id} is missing.");
                secret = _secrets.GetOrAdd(signing.Id, vault.Open(stored));
            }
            secrets.Add(secret);
        }
        return secrets;
    }
}
