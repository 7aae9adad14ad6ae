using Diplomacy.Integrations.Feed;
using Diplomacy.ServiceDefaults.Http;
using Marten;
using Marten.Pagination;

namespace Diplomacy.Integrations.Deliveries;

/// <summary>A redelivery of everything committed since <paramref name="Since"/>.</summary>
public sealed record RedeliverSince(DateTimeOffset? Since) : IValidatable
{
    public IEnumerable<FieldError> Validate()
    {
        if (Since is null) yield return new("since", "Is required: an instant such as 2026-12-01T00:00:00Z.");
    }
}

/// <summary>What a redelivery since an instant queued: that many deliveries go out again, in order.</summary>
public sealed record RedeliveryQueued(Guid SubscriptionId, DateTimeOffset Since, int Queued);

/// <summary>
/// A subscription's delivery log (status, attempts, last error, latency), and redelivery of one delivery or of every one
/// since an instant. The routes sit under the subscription's, so its owner filter applies.
/// </summary>
public static class DeliveryEndpoints
{
    public static void MapDeliveries(this RouteGroupBuilder webhooks)
    {
        webhooks.MapGet("/{id:guid}/deliveries", List).WithName("ListDeliveries").Produces<Page<Delivery>>().ProducesValidationProblem();
        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redelivery", RedeliverOne).WithName("Redeliver")
            .Produces<Delivery>().ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id:guid}/redelivery", RedeliverAll).WithName(nameof(RedeliverSince))
            .Produces<RedeliveryQueued>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> List(Guid id, string? status, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var errors = Paging.Validate(page, pageSize).ToList();
        if (status is not null and not (Delivery.Pending or Delivery.Delivered or Delivery.Failed))
            errors.Add(new("status", $"Must be one of: {Delivery.Pending}, {Delivery.Delivered}, {Delivery.Failed}."));
        if (errors.Count > 0) return Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors));
        if (await session.LoadAsync<Webhooks.WebhookSubscription>(id, ct) is null) return StreamEndpoints.NotFound<Webhooks.WebhookSubscription>(id);

        var query = session.Query<Delivery>().Where(d => d.SubscriptionId == id);
        if (status is not null) query = query.Where(d => d.Status == status);
        var (number, size) = (page ?? 1, pageSize ?? 50);
        var items = await query.OrderBy(d => d.Sequence).ToPagedListAsync(number, size, ct);
        return PooledJson.Of(new Page<Delivery>([.. items], number, size, items.TotalItemCount));
    }

    private static Task<IResult> RedeliverOne(Guid id, Guid deliveryId, IDocumentStore store, CancellationToken ct) =>
        OnLatestAsync(store, async session =>
        {
            if (await session.LoadAsync<Delivery>(deliveryId, ct) is not { } delivery || delivery.SubscriptionId != id)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such delivery.",
                    detail: $"Webhook {id} has no delivery {deliveryId}.");
            delivery.Redeliver(DateTimeOffset.UtcNow);
            session.Store(delivery);
            session.QueueSqlCommand(LogSignal.NotifySql);
            await session.SaveChangesAsync(ct);
            return PooledJson.Of(delivery);
        }, ct);

    /// <summary>Queues again every delivery of the subscription whose event was committed at or after <c>since</c>.</summary>
    private static async Task<IResult> RedeliverAll(Guid id, RedeliverSince command, IDocumentStore store, CancellationToken ct)
    {
        if (StreamEndpoints.Invalid(command) is { } invalid) return invalid;
        var since = command.Since!.Value;
        return await OnLatestAsync(store, async session =>
        {
            if (await session.LoadAsync<Webhooks.WebhookSubscription>(id, ct) is null) return StreamEndpoints.NotFound<Webhooks.WebhookSubscription>(id);
            var now = DateTimeOffset.UtcNow;
            // In id order, as the dispatcher writes a round: two writers of the same rows lock them in the same order and
            // one waits for the other, where crossing orders would deadlock.
            var deliveries = await session.Query<Delivery>().Where(d => d.SubscriptionId == id && d.CommittedAt >= since).OrderBy(d => d.Id).ToListAsync(ct);
            foreach (var delivery in deliveries)
            {
                delivery.Redeliver(now);
                session.Store(delivery);
            }
            session.QueueSqlCommand(LogSignal.NotifySql);
            await session.SaveChangesAsync(ct);
            // Accepted: the dispatcher sends them; the delivery log shows when each went out.
            return Results.Accepted($"{Webhooks.WebhookEndpoints.Path}/{id}/deliveries", new RedeliveryQueued(id, since, deliveries.Count));
        }, ct);
    }

    /// <summary>
    /// Asks for a redelivery on the latest state. The dispatcher storing a round, or another request, may write the same
    /// deliveries between this read and this write (optimistic concurrency: nothing is written then); a redelivery names
    /// no version, so it is simply asked for again on what was stored.
    /// </summary>
    private static async Task<IResult> OnLatestAsync(IDocumentStore store, Func<IDocumentSession, Task<IResult>> redeliver, CancellationToken ct)
    {
        const int Tries = 10;
        for (var attempt = 1; ; attempt++)
        {
            await using (var session = store.LightweightSession())
            {
                try { return await redeliver(session); }
                catch (Exception e) when (ConcurrencyConflict.Is(e) && attempt < Tries) { }
            }
            // Apart, so that requests that met go one after the other next time.
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
        }
    }
}
