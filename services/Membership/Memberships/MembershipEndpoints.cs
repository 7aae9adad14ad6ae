using Diplomacy.Membership.Networks;
using MembershipState = Diplomacy.Membership.Memberships.Membership;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Membership.Memberships;

public static class MembershipEndpoints
{
    public static void MapMemberships(this IEndpointRouteBuilder app)
    {
        var memberships = app.MapGroup("/api/membership/memberships").WithTags("Memberships");
        memberships.MapPost("", Apply).WithName(nameof(ApplyForMembership)).Produces<MembershipState>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        memberships.MapCommand<MembershipState, AcceptMembership>("acceptance", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, ElectRole>("roles", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, EndRoleTerm>("role-term-end", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, CommitHosting>("hostings", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, DeliverHosting>("hosting-delivery", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, AssessFee>("fees", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, PayFee>("fee-payment", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, LapseMembership>("lapse", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, WithdrawMembership>("withdrawal", MembershipDecisions.Decide);
        memberships.MapCommand<MembershipState, ReinstateMembership>("reinstatement", MembershipDecisions.Decide);
        memberships.MapGetState<MembershipState>();
        memberships.MapGet("", List).WithName("ListMemberships");
    }

    private static async Task<IResult> Apply(ApplyForMembership command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        if (StreamEndpoints.Invalid(command, http.Request) is { } invalid) return invalid;
        var network = await session.LoadAsync<Network>(command.NetworkId, ct);
        if (network is null)
            return Results.Problem(ProblemDetailsExceptionHandler.Invalid([new("networkId", "Names no registered network.")]));

        return await StreamEndpoints.StartAsync<MembershipState>(
            http, session, MembershipState.StreamIdFor(network.Id), () => MembershipDecisions.Decide(command, network.Acronym), command, ct);
    }

    /// <summary>Memberships, filtered by network and status.</summary>
    private static async Task<IResult> List(
        IQuerySession session, Guid? network, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var membershipStatus = filter.Enum<MembershipStatus>(status, "status");

        var query = session.Query<MembershipState>().AsQueryable();
        if (network is not null) query = query.Where(m => m.NetworkId == network.Value);
        query = query.WhereField(m => m.Status, membershipStatus);
        return await query.ToPageAsync(filter, page, pageSize, ct);
    }
}
