using System.Buffers;
using System.Text.Json;

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
    public static async Task<Microsoft.AspNetCore.Http.IResult> ToPageAsync<T>(
        this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
        where T : class, EventStore.IAggregate<T>
    {
        var errors = Paging.Validate(page, pageSize).ToList();
        if (errors.Count > 0) return Microsoft.AspNetCore.Http.Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors));
        var (number, size) = (page ?? 1, pageSize ?? 50);
        using var stored = new MemoryStream();
        var skip = (long)(number - 1) * size;
        // A page past what an offset can name is past the end of any list.
        var count = skip > int.MaxValue
            ? 0
            : await Marten.QueryableExtensions.StreamJsonArray(query.OrderBy(x => x.Id).Skip((int)skip).Take(size), stored, ct);
        long total = count is > 0 && count < size || count == 0 && number == 1
            ? skip + count
            : await Marten.QueryableExtensions.CountAsync(query, ct);

        var body = new ArrayBufferWriter<byte>((int)stored.Length + 128);
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JsonDefaults.Api.Encoder }))
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
        return Microsoft.AspNetCore.Http.Results.Bytes(body.WrittenMemory, "application/json; charset=utf-8");
    }
}
