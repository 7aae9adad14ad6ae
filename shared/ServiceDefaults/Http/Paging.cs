using System.Buffers;
using System.Text.Json;
using Microsoft.IO;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>One page of a list, with what a client needs to ask for the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalItems)
{
    public long TotalPages => Paging.PageCount(TotalItems, PageSize);
}

/// <summary>Paging query parameters: <c>?page=1&amp;pageSize=50</c>.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static long PageCount(long totalItems, int pageSize) => (totalItems + pageSize - 1) / pageSize;

    public static IEnumerable<FieldError> Validate(int? page, int? pageSize)
    {
        if (page is < 1) yield return new("page", "Must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize) yield return new("pageSize", $"Must be between 1 and {MaxPageSize}.");
    }
}

public static class PagingExtensions
{
    // The names of Page<T>'s properties as the API writes them, for the pages written from stored JSON.
    private static readonly JsonEncodedText Items = Name(nameof(Page<object>.Items)), PageNumber = Name(nameof(Page<object>.PageNumber)),
        PageSize = Name(nameof(Page<object>.PageSize)), TotalItems = Name(nameof(Page<object>.TotalItems)), TotalPages = Name(nameof(Page<object>.TotalPages));

    private static JsonEncodedText Name(string property) => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(property));

    /// <summary>
    /// One page of an aggregate list, oldest first (ids are time-ordered), or 400 for bad paging parameters. The page's
    /// documents go out as stored (<see cref="StoredJson"/>), and the total is counted only when the page cannot tell it:
    /// a page that is not full is the last one. Counting apart, rather than with a window over the query, spares
    /// PostgreSQL from carrying every matching document to the end of the sort for a page of them.
    /// </summary>
    public static Task<Microsoft.AspNetCore.Http.IResult> ToPageAsync<T>(
        this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
        where T : class, EventStore.IAggregate<T> =>
        query.ToPageAsync(new QueryFilter(), page, pageSize, ct);

    /// <summary>
    /// As above, for a list with filters: a 400 names the wrong filters of <paramref name="filter"/> and the wrong paging
    /// parameters together. The query is built before this runs, and read only when every parameter is right.
    /// </summary>
    public static Task<Microsoft.AspNetCore.Http.IResult> ToPageAsync<T>(
        this IQueryable<T> query, QueryFilter filter, int? page, int? pageSize, CancellationToken ct)
        where T : class, EventStore.IAggregate<T> =>
        query.ToPageAsync(filter, page, pageSize, TimeSpan.Zero, null, ct);

    /// <summary>
    /// As above; and when nothing matches, waits up to <paramref name="wait"/> for a commit of the service's store that
    /// makes something match (a long poll: "answer me once the lead of my exchange is there"). Each commit in the
    /// meantime reads the page again; a client that goes away ends the wait.
    /// </summary>
    public static async Task<Microsoft.AspNetCore.Http.IResult> ToPageAsync<T>(
        this IQueryable<T> query, QueryFilter filter, int? page, int? pageSize, TimeSpan wait, EventStore.AppendWakeup? commits,
        CancellationToken ct)
        where T : class, EventStore.IAggregate<T>
    {
        filter.Errors.AddRange(Paging.Validate(page, pageSize));
        if (filter.Problem() is { } invalid) return invalid;
        var (number, size) = (page ?? 1, pageSize ?? 50);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var next = wait > TimeSpan.Zero ? commits?.NextCommit : null;
            var (stored, count, total) = await ReadPageAsync(query, number, size, ct);
            var left = wait - System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (total > 0 || next is null || left <= TimeSpan.Zero) return Write(stored, count, number, size, total);
            stored.Dispose();
            try { await LongPoll.WaitAsync(next, left, ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return Microsoft.AspNetCore.Http.Results.Empty; }
        }
    }

    private static async Task<(RecyclableMemoryStream Stored, int Count, long Total)> ReadPageAsync<T>(IQueryable<T> query, int number, int size, CancellationToken ct)
        where T : class, EventStore.IAggregate<T>
    {
        var stored = PooledJson.Buffers.GetStream(nameof(ReadPageAsync));
        try
        {
            var skip = (long)(number - 1) * size;
            // A page past what an offset can name is past the end of any list.
            var count = skip > int.MaxValue
                ? 0
                : await Marten.QueryableExtensions.StreamJsonArray(query.OrderBy(x => x.Id).Skip((int)skip).Take(size), stored, ct);
            long total = count is > 0 && count < size || count == 0 && number == 1
                ? skip + count
                : await Marten.QueryableExtensions.CountAsync(query, ct);
            return (stored, count, total);
        }
        catch
        {
            // Back to the pool, also when the database cannot answer.
            stored.Dispose();
            throw;
        }
    }

    private static Microsoft.AspNetCore.Http.IResult Write(RecyclableMemoryStream stored, int count, int number, int size, long total)
    {
        using var _ = stored;
        var body = PooledJson.Buffers.GetStream(nameof(Write));
        using (var writer = new Utf8JsonWriter((IBufferWriter<byte>)body, new JsonWriterOptions { Encoder = JsonDefaults.Api.Encoder }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(Items);
            if (count == 0) writer.WriteRawValue("[]"u8, skipInputValidation: true);
            else StoredJson.Copy(stored.GetBuffer().AsSpan(0, (int)stored.Length), writer);
            writer.WriteNumber(PageNumber, number);
            writer.WriteNumber(PageSize, size);
            writer.WriteNumber(TotalItems, total);
            writer.WriteNumber(TotalPages, Paging.PageCount(total, size));
            writer.WriteEndObject();
        }
        return new PooledJson(body);
    }
}
