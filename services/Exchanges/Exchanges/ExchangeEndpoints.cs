using Diplomacy.Exchanges.Integration;
using Diplomacy.Exchanges.Policies;
using Diplomacy.ServiceDefaults.Http;
using Marten;

namespace Diplomacy.Exchanges.Exchanges;

public static class ExchangeEndpoints
{
    public static void MapExchanges(this IEndpointRouteBuilder app)
    {
        var exchanges = app.MapGroup("/api/exchanges/exchanges").WithTags("Exchanges");
        exchanges.MapPost("", Request).WithName(nameof(RequestExchange))
            .Produces<Exchange>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        exchanges.MapCommand<Exchange, ScopeExchange>("scope", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, ApproveFunding>("funding-approval", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, ScheduleExchange>("schedule", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, DeliverActivity>("activities", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, SubmitActionPlan>("action-plan", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, ReportOutcome>("outcome", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, EvaluateExchange>("evaluation", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, CloseExchange>("closure", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, CancelExchange>("cancellation", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, SuspendExchange>("suspension", ExchangeDecisions.Decide);
        exchanges.MapCommand<Exchange, ResumeExchange>("resumption", ExchangeDecisions.Decide);
        exchanges.MapGetState<Exchange>();
        exchanges.MapGet("", List).WithName("ListExchanges");
    }

    /// <summary>
    /// Checks that the policies asked for are in the catalogue (400 naming <c>policyIds</c>), loads what the service
    /// knows of Seoul's membership of the request's network, and lets the pure decision rule on it.
    /// </summary>
    private static async Task<IResult> Request(RequestExchange command, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        if (StreamEndpoints.Invalid(command, http.Request) is { } invalid) return invalid;

        var asked = command.PolicyIds.Distinct().ToArray();
        var known = await session.LoadManyAsync<Policy>(ct, asked);
        var unknown = asked.Except(known.Select(p => p.Id)).ToList();
        if (unknown.Count > 0)
            return Results.Problem(ProblemDetailsExceptionHandler.Invalid(
                [new("policyIds", $"Names no catalogued policy: {string.Join(", ", unknown)}.")]));

        var network = command.NetworkId is { } networkId ? await session.LoadAsync<NetworkMembershipStatus>(networkId, ct) : null;
        return await StreamEndpoints.StartAsync<Exchange>(
            http, session, IdempotentRequest.NewStreamId<Exchange>(http), () => ExchangeDecisions.Decide(command, network), command, ct);
    }

    /// <summary>Exchanges, filtered by partner country, policy, channel, network, status and the year they were requested.</summary>
    private static async Task<IResult> List(
        IQuerySession session, string? country, Guid? policy, string? channel, Guid? network, string? status, int? year,
        string? city, int? page, int? pageSize, CancellationToken ct)
    {
        var filter = new QueryFilter();
        var countryCode = filter.Country(country, "country");
        var exchangeChannel = filter.Enum<Channel>(channel, "channel");
        var exchangeStatus = filter.Enum<ExchangeStatus>(status, "status");
        if (year is < 1900 or > 2200) filter.Errors.Add(new("year", "Must be between 1900 and 2200."));

        var query = session.Query<Exchange>()
            .WhereField(e => e.PartnerCountry, countryCode)
            .WhereField(e => e.Channel, exchangeChannel)
            .WhereField(e => e.Status, exchangeStatus)
            .WhereFieldStartsWith(e => e.RequestedOn, year?.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        if (policy is not null) query = query.Where(e => e.PolicyIds.Contains(policy.Value));
        if (network is not null) query = query.Where(e => e.NetworkId == network.Value);
        if (city is not null) query = query.Where(e => e.PartnerCity == city);
        return await query.ToPageAsync(filter, page, pageSize, ct);
    }
}
