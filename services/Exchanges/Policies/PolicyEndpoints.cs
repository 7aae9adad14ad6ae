using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Exchanges.Policies;

public static class PolicyEndpoints
{
    public static RouteGroupBuilder MapPolicies(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/exchanges/policies").WithTags("Policies");
        policies.MapCreate<Policy, CataloguePolicy>(PolicyDecisions.Decide);
        policies.MapCommand<Policy, RevisePolicySummary>("summary", PolicyDecisions.Decide);
        policies.MapGetState<Policy>();
        policies.MapGet("", List).WithName("ListPolicies");
        return policies;
    }

    /// <summary>The catalogue, filtered by sector (DAC code), SDG goal, department and title.</summary>
    private static async Task<IResult> List(
        IQuerySession session, string? sector, int? sdg, string? department, string? title, int? page, int? pageSize, CancellationToken ct)
    {
        var filter = new QueryFilter();
        if (sector is not null && !PolicyDecisions.IsDacPurposeCode(sector)) filter.Errors.Add(new("sector", "Must be an OECD DAC CRS purpose code of 5 digits."));
        if (sdg is < 1 or > 17) filter.Errors.Add(new("sdg", "Must be between 1 and 17."));

        var query = session.Query<Policy>().AsQueryable();
        if (sector is not null) query = query.Where(p => p.Sector == sector);
        if (sdg is not null) query = query.Where(p => p.SdgGoals.Contains(sdg.Value));
        if (department is not null) query = query.Where(p => p.Department == department);
        if (title is not null) query = query.Where(p => p.Title == title);
        return await query.ToPageAsync(filter, page, pageSize, ct);
    }
}
