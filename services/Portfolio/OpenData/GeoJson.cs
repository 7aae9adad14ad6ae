using System.Text.Json.Nodes;
using Diplomacy.Portfolio.Reads;
using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.OpenData;

/// <summary>RFC 7946: a FeatureCollection of the partner cities whose coordinates are known, positions as [longitude, latitude].</summary>
public static class PartnerCitiesGeoJson
{
    public static JsonObject Write(Ledger l) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray([.. Reads.Cities.All(l).Where(c => c.Ties > 0 && c.Lat is not null && c.Lon is not null).Select(c => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = c.Key,
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(c.Lon!.Value, c.Lat!.Value) },
            ["properties"] = new JsonObject
            {
                ["key"] = c.Key, ["name"] = c.Name, ["country"] = c.Country, ["region"] = c.Region, ["tie"] = c.Tie, ["status"] = c.TieStatus,
                ["exchanges"] = c.Exchanges, ["peacePrograms"] = c.PeacePrograms, ["exportProjects"] = c.ExportProjects,
            },
        })]),
    };
}
