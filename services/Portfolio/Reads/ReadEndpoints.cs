using Diplomacy.Portfolio.Cities;
using Diplomacy.Portfolio.Views;
using Diplomacy.ServiceDefaults.Http;
using Marten;
using Microsoft.Extensions.Options;

namespace Diplomacy.Portfolio.Reads;

// The answers that are lists without paging, named so that the OpenAPI document describes their items.
public sealed record NetworkLeverages(IReadOnlyList<NetworkLeverage> Items);
public sealed record FunnelStages(IReadOnlyList<FunnelStage> Items);
public sealed record SdgCoverages(IReadOnlyList<SdgCoverage> Items);
public sealed record DirectionFindings(DirectionThresholds Thresholds, IReadOnlyList<Finding> Items);

/// <summary>The portfolio's questions, all answered from the views (<see cref="Ledger"/>).</summary>
public static class ReadEndpoints
{
    public static void MapPortfolioReads(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/portfolio").WithTags("Portfolio");
        api.MapGet("/assets", AssetsEndpoints.Get).WithName("GetAssets").Produces<Assets>().ProducesValidationProblem();
        api.MapGet("/cities", ListCities).WithName("ListCities").Produces<Page<CitySummary>>().ProducesValidationProblem();
        api.MapGet("/cities/{key}", GetCity).WithName("GetCity").Produces<CityDetail>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/networks", async (IQuerySession s, CityAtlas a, CancellationToken ct) =>
            PooledJson.Of(new NetworkLeverages(Networks.All(await Ledger.LoadAsync(s, a, null, ct))))).WithName("ListNetworkLeverage").Produces<NetworkLeverages>();
        api.MapGet("/networks/{id:guid}", async (Guid id, IQuerySession s, CityAtlas a, CancellationToken ct) =>
                Networks.Of(await Ledger.LoadAsync(s, a, null, ct), id) is { } n ? PooledJson.Of(n) : NotFound("network", id.ToString()))
            .WithName("GetNetworkLeverage").Produces<NetworkLeverage>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/funnel", GetFunnel).WithName("GetFunnel").Produces<FunnelStages>().ProducesValidationProblem();
        api.MapGet("/sdgs", async (IQuerySession s, CityAtlas a, CancellationToken ct) =>
            PooledJson.Of(new SdgCoverages(Sdgs.Of(await Ledger.LoadAsync(s, a, null, ct))))).WithName("GetSdgCoverage").Produces<SdgCoverages>();
        api.MapGet("/directions", async (IQuerySession s, CityAtlas a, IOptions<DirectionThresholds> t, TimeProvider clock, CancellationToken ct) =>
            PooledJson.Of(new DirectionFindings(t.Value,
                Directions.Of(await Ledger.LoadAsync(s, a, null, ct), t.Value, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))))
            .WithName("GetDirections").Produces<DirectionFindings>();
    }

    private static async Task<IResult> ListCities(
        string? country, string? region, string? tie, string? hasTie, string? q, int? page, int? pageSize,
        IQuerySession session, CityAtlas atlas, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var code = filter.Country(country, "country");
        if (region is not null && !CityAtlas.Regions.Contains(region))
            filter.Errors.Add(new("region", $"Must be one of: {string.Join(", ", CityAtlas.Regions)}."));
        if (tie is not null and not ("sister" or "friendship")) filter.Errors.Add(new("tie", "Must be one of: sister, friendship."));
        bool? tied = hasTie switch { null => null, "true" => true, "false" => false, _ => Invalid<bool>(filter, "hasTie", "Must be true or false.") };
        if (q is { Length: > 100 }) filter.Errors.Add(new("q", "Must be at most 100 characters."));
        filter.Errors.AddRange(Paging.Validate(page, pageSize));
        if (filter.Problem() is { } problem) return problem;

        var text = q is null ? null : CityKey.Normalise(q);
        var items = Cities.All(await Ledger.LoadAsync(session, atlas, null, ct))
            .Where(c => code is null || c.Country == code.Value.Value)
            .Where(c => region is null || c.Region == region)
            .Where(c => tie is null || c.Tie == tie)
            .Where(c => tied is null || (c.Ties > 0) == tied)
            .Where(c => string.IsNullOrEmpty(text) || c.Key.Contains(text, StringComparison.Ordinal)).ToList();
        var (number, size) = (page ?? 1, pageSize ?? 50);
        return PooledJson.Of(new Page<CitySummary>([.. items.Skip((number - 1) * size).Take(size)], number, size, items.Count));
    }

    private static async Task<IResult> GetCity(string key, IQuerySession session, CityAtlas atlas, CancellationToken ct)
    {
        if (!CityKey.IsWellFormed(key))
            return Results.Problem(ProblemDetailsExceptionHandler.Invalid([new("key", "Must be a city key such as co-bogota: <iso2>-<normalised-name>.")]));
        return Cities.Find(await Ledger.LoadAsync(session, atlas, null, ct), key) is { } city ? PooledJson.Of(city) : NotFound("city", key);
    }

    private static async Task<IResult> GetFunnel(string? sector, string? sdg, string? year, string? policy, IQuerySession session, CityAtlas atlas, CancellationToken ct)
    {
        var filter = new QueryFilter();
        if (sector is not null && !(sector.Length == 5 && sector.All(char.IsAsciiDigit))) filter.Errors.Add(new("sector", "Must be an OECD DAC purpose code of 5 digits."));
        int? goal = sdg is null ? null : int.TryParse(sdg, out var g) && g is >= 1 and <= 17 ? g : Invalid<int>(filter, "sdg", "Must be an SDG goal from 1 to 17.");
        int? y = year is null ? null : int.TryParse(year, out var n) && n is >= 1900 and <= 2200 ? n : Invalid<int>(filter, "year", "Must be a year such as 2014.");
        Guid? p = policy is null ? null : Guid.TryParse(policy, out var id) ? id : Invalid<Guid>(filter, "policy", "Must be the id of a policy.");
        if (filter.Problem() is { } problem) return problem;
        var stages = Funnel.Of(await Ledger.LoadAsync(session, atlas, null, ct), new FunnelFilter(sector, goal, y, p));
        return PooledJson.Of(new FunnelStages(stages));
    }

    private static T? Invalid<T>(QueryFilter filter, string field, string message) where T : struct
    {
        filter.Errors.Add(new(field, message));
        return null;
    }

    private static IResult NotFound(string what, string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"The portfolio knows no {what} {id}.");
}
