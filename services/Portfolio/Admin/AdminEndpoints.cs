using Diplomacy.Portfolio.Views;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Portfolio.Admin;

public static class AdminEndpoints
{
    /// <summary>
    /// <c>POST /api/portfolio/admin/rebuild</c>: every view rebuilt from the portfolio's streams, answered when done.
    /// A write, so the access policy lets only admins and the portfolio's writers call it.
    /// </summary>
    public static void MapAdmin(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/portfolio/admin/rebuild", async (ViewRebuilder rebuilder, CancellationToken ct) =>
                PooledJson.Of(new { rebuilt = await rebuilder.RebuildAsync(ct) }))
            .WithTags("Admin").WithName("RebuildViews");
}
