using System.Globalization;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Integrations.Feed;

/// <summary>One page of the change feed: CloudEvents in log order, and the cursor to ask for what follows.</summary>
public sealed record FeedPage(IReadOnlyList<JsonElement> Items, string Next);

/// <summary>
/// <c>GET /api/integrations/events?after=&amp;types=&amp;limit=&amp;wait=</c>: the integration events as CloudEvents, in
/// order, from any cursor; with <c>wait</c> it long-polls until something follows the cursor. Integration events are
/// public within the platform, so every role that reads (viewer, editor, auditor, admin) sees all of them.
/// </summary>
public static class FeedEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static void MapFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/integrations/events", ReadAsync).WithTags("Change feed").WithName("ReadChangeFeed")
            .Produces<FeedPage>().ProducesValidationProblem();

    private static async Task<IResult> ReadAsync(
        HttpContext http, string? after, string? limit, string? wait, EventLog log, LogSignal signal, ContractCatalog catalog, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var cursor = 0L;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor)))
            errors.Add(new("after", "Must be a cursor this feed returned as next (a whole number), or absent to start at the beginning."));
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            errors.Add(new("limit", $"Must be a whole number between 1 and {MaxLimit}."));
        var waitFor = TimeSpan.Zero;
        if (wait is not null && !QueryFilter.TryParseWait(wait, MaxWait, out waitFor)) errors.Add(QueryFilter.WaitError("wait", MaxWait));
        var types = http.Request.Query["types"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToArray();
        var unknown = types.Where(t => !catalog.Types.Contains(t)).ToArray();
        if (unknown.Length > 0) errors.Add(new("types", $"Not integration event types of the platform: {string.Join(", ", unknown)}."));
        if (errors.Count > 0) return Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors));

        var deadline = DateTimeOffset.UtcNow + waitFor;
        while (true)
        {
            var next = signal.Next;
            var settled = await log.SettledAsync(ct);
            var entries = settled > cursor ? await log.ReadAsync(cursor, settled, types, size, ct) : [];
            if (entries.Count > 0 || DateTimeOffset.UtcNow >= deadline || http.RequestAborted.IsCancellationRequested)
            {
                // A short page read everything up to the settled point, so the cursor moves past what the types filtered out.
                var nextCursor = entries.Count == size ? entries[^1].Sequence : Math.Max(cursor, settled);
                return PooledJson.Of(new FeedPage([.. entries.Select(CloudEvents.ToJson)], nextCursor.ToString(CultureInfo.InvariantCulture)));
            }
            try { await LongPoll.WaitAsync(next, deadline - DateTimeOffset.UtcNow, ct); }
            catch (OperationCanceledException) { return Results.Empty; }
        }
    }
}
