using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Membership.PartnerCities;

public static class PartnerCityEndpoints
{
    public static void MapPartnerCities(this IEndpointRouteBuilder app)
    {
        var ties = app.MapGroup("/api/membership/partner-cities").WithTags("Partner cities");
        ties.MapCreate<PartnerCity, ProposeTie>(PartnerCityDecisions.Decide);
        ties.MapCommand<PartnerCity, SignMou>("mou", PartnerCityDecisions.Decide);
        ties.MapCommand<PartnerCity, GrantCouncilApproval>("council-approval", PartnerCityDecisions.Decide);
        ties.MapCommand<PartnerCity, SignAgreement>("agreement", PartnerCityDecisions.Decide);
        ties.MapCommand<PartnerCity, UpgradeToSister>("upgrade", PartnerCityDecisions.Decide);
        ties.MapCommand<PartnerCity, SuspendTie>("suspension", PartnerCityDecisions.Decide);
        ties.MapCommand<PartnerCity, ResumeTie>("resumption", PartnerCityDecisions.Decide);
        ties.MapCommand<PartnerCity, TerminateTie>("termination", PartnerCityDecisions.Decide);
        ties.MapGetState<PartnerCity>();
        ties.MapGet("", List).WithName("ListPartnerCities");
    }

    /// <summary>Partner cities, filtered by country, tie, status and city.</summary>
    private static async Task<IResult> List(
        IQuerySession session, string? country, string? tie, string? status, string? city, int? page, int? pageSize, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var countryCode = filter.Country(country, "country");
        var tieType = filter.Enum<TieType>(tie, "tie");
        var tieStatus = filter.Enum<PartnerCityStatus>(status, "status");

        var query = session.Query<PartnerCity>()
            .WhereField(p => p.Country, countryCode)
            .WhereField(p => p.Tie, tieType)
            .WhereField(p => p.Status, tieStatus);
        if (city is not null) query = query.Where(p => p.City == city);
        return await query.ToPageAsync(filter, page, pageSize, ct);
    }
}
