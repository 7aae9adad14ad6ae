using Diplomacy.Exchanges.Policies;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Exchanges.Exchanges;

/// <summary>One partner city a policy was shared with (or is being shared with), and how far it adopted it.</summary>
/// <param name="Shared">True once an activity of the exchange was delivered.</param>
/// <param name="AdoptionLevel">The latest outcome reported for this policy; null while none was.</param>
public sealed record PolicyAdoption(
    Guid ExchangeId,
    string PartnerCity,
    CountryCode PartnerCountry,
    Channel Channel,
    ExchangeStatus Status,
    PartialDate RequestedOn,
    bool Shared,
    AdoptionLevel? AdoptionLevel,
    bool? IntendsToProcure,
    PartialDate? ReportedOn);

/// <summary>"Which cities was this policy shared with, and how far did each adopt it?"</summary>
public sealed record PolicyAdoptions(Guid PolicyId, string Title, string Sector, IReadOnlyList<PolicyAdoption> Cities);

public static class PolicyAdoptionsQuery
{
    /// <summary>
    /// Built from the exchanges' inline snapshots, which already hold each exchange's policies and outcomes and are
    /// committed with the events: the answer is consistent at once, with no second projection to keep or rebuild.
    /// A policy is shared with tens of cities, so one query answers it.
    /// </summary>
    public static void MapPolicyAdoptions(this RouteGroupBuilder policies) =>
        policies.MapGet("/{id:guid}/adoptions", async (Guid id, IQuerySession session, CancellationToken ct) =>
            {
                var policy = await session.LoadAsync<Policy>(id, ct);
                if (policy is null) return StreamEndpoints.NotFound<Policy>(id);
                var exchanges = await session.Query<Exchange>().Where(e => e.PolicyIds.Contains(id)).OrderBy(e => e.Id).ToListAsync(ct);
                return PooledJson.Of(new PolicyAdoptions(policy.Id, policy.Title, policy.Sector, [.. exchanges.Select(e => Of(e, id))]));
            })
            .WithName("GetPolicyAdoptions")
            .Produces<PolicyAdoptions>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static PolicyAdoption Of(Exchange exchange, Guid policyId)
    {
        var outcome = exchange.LatestOutcomeFor(policyId);
        return new PolicyAdoption(
            exchange.Id, exchange.PartnerCity, exchange.PartnerCountry, exchange.Channel, exchange.Status, exchange.RequestedOn,
            exchange.Activities.Count > 0, outcome?.AdoptionLevel, outcome?.IntendsToProcure, outcome?.ReportedOn);
    }
}
