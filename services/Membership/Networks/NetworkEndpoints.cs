using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Membership.Networks;

public static class NetworkEndpoints
{
    public static void MapNetworks(this IEndpointRouteBuilder app)
    {
        var networks = app.MapGroup("/api/membership/networks").WithTags("Networks");
        networks.MapCreate<Network, RegisterNetwork>(NetworkDecisions.Decide);
        networks.MapCommand<Network, RenameNetwork>("rename", NetworkDecisions.Decide);
        networks.MapGetState<Network>();
        networks.MapGet("", List).WithName("ListNetworks");
    }

    /// <summary>Networks, filtered by headquarters country, acronym or theme.</summary>
    private static async Task<IResult> List(
        IQuerySession session, string? country, string? acronym, string? theme, int? page, int? pageSize, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var countryCode = filter.Country(country, "country");

        var query = session.Query<Network>().WhereField(n => n.HeadquartersCountry, countryCode);
        if (acronym is not null) query = query.Where(n => n.Acronym == acronym);
        if (theme is not null) query = query.Where(n => n.Themes.Contains(theme));
        return await query.ToPageAsync(filter, page, pageSize, ct);
    }
}
