using Diplomacy.Portfolio.Cities;
using Diplomacy.Portfolio.Views;
using Marten;

namespace Diplomacy.Portfolio.OpenData;

/// <summary>The portfolio as open data: CSV (RFC 4180), GeoJSON (RFC 7946) and IATI 2.03 XML.</summary>
public static class OpenDataEndpoints
{
    public static void MapOpenData(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/portfolio/exports").WithTags("Open data");
        exports.MapGet("/activities.csv", async (IQuerySession s, CityAtlas a, CancellationToken ct) =>
            Results.Text(ActivitiesCsv.Write(await Ledger.LoadAsync(s, a, null, ct)), "text/csv; charset=utf-8; header=present")).WithName("GetActivitiesCsv");
        exports.MapGet("/partner-cities.geojson", async (IQuerySession s, CityAtlas a, CancellationToken ct) =>
            Results.Text(PartnerCitiesGeoJson.Write(await Ledger.LoadAsync(s, a, null, ct)).ToJsonString(), "application/geo+json")).WithName("GetPartnerCitiesGeoJson");
        exports.MapGet("/iati-activities.xml", async (IQuerySession s, CityAtlas a, TimeProvider clock, CancellationToken ct) =>
        {
            var document = IatiActivities.Write(await Ledger.LoadAsync(s, a, null, ct), clock.GetUtcNow());
            return Results.Text($"{document.Declaration}\n{document.Root}", "application/xml; charset=utf-8");
        }).WithName("GetIatiActivities");
    }
}
