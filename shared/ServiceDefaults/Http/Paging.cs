namespace Diplomacy.ServiceDefaults.Http;

/// <summary>One page of a list, with what a client needs to ask for the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalItems)
{
    public long TotalPages => (TotalItems + PageSize - 1) / PageSize;
}

/// <summary>Paging query parameters: <c>?page=1&amp;pageSize=50</c>.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static IEnumerable<FieldError> Validate(int? page, int? pageSize)
    {
        if (page is < 1) yield return new("page", "Must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize) yield return new("pageSize", $"Must be between 1 and {MaxPageSize}.");
    }
}

public static class PagingExtensions
{
    /// <summary>One page of an aggregate list, oldest first (ids are time-ordered), or 400 for bad paging parameters.</summary>
    public static async Task<Microsoft.AspNetCore.Http.IResult> ToPageAsync<T>(
        this IQueryable<T> query, int? page, int? pageSize, CancellationToken ct)
        where T : class, EventStore.IAggregate<T>
    {
        var errors = Paging.Validate(page, pageSize).ToList();
        if (errors.Count > 0) return Microsoft.AspNetCore.Http.Results.Problem(ProblemDetailsExceptionHandler.Invalid(errors));
        var (number, size) = (page ?? 1, pageSize ?? 50);
        var items = await Marten.Pagination.PagedListQueryableExtensions.ToPagedListAsync(query.OrderBy(x => x.Id), number, size, ct);
        return Microsoft.AspNetCore.Http.Results.Ok(new Page<T>(items.ToList(), number, size, items.TotalItemCount));
    }
}
