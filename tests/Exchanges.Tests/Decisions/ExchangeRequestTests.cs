namespace Diplomacy.Exchanges.Tests.Decisions;

using Diplomacy.Exchanges.Exchanges;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.Exchanges.Tests.Decisions.ExchangeHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Requesting an exchange, and the city-network rule; the fields each command checks.</summary>
public class ExchangeRequestTests
{
    [Theory]
    [InlineData(Channel.Bilateral)]
    [InlineData(Channel.Embassy)]
    [InlineData(Channel.SeoulOffer)]
    public void A_request_outside_a_network_needs_no_membership(Channel channel)
    {
        var requested = Assert.IsType<ExchangeRequested>(Assert.Single(ExchangeDecisions.Decide(Request(channel), null)));
        Assert.Equal(new ExchangeRequested("Ulaanbaatar", CountryCode.Parse("MN"), channel, null, null, requested.PolicyIds, D("2013-03")), requested);
        Assert.Equal([Topis], requested.PolicyIds);
        var exchange = Given<Exchange>(requested).State;
        Assert.Equal(ExchangeStatus.Requested, exchange.Status);
        Assert.Equal("Ulaanbaatar", exchange.PartnerCity);
    }

    [Fact]
    public void A_request_through_a_network_with_an_active_membership_records_the_network()
    {
        var requested = Assert.IsType<ExchangeRequested>(Assert.Single(ExchangeDecisions.Decide(Request(Channel.CityNetwork, CityNetId), Membership(active: true))));
        Assert.Equal(CityNetId, requested.NetworkId);
        Assert.Equal("CityNet", requested.NetworkAcronym);
    }

    public static TheoryData<bool?> InactiveMemberships => new() { null, false };

    [Theory]
    [MemberData(nameof(InactiveMemberships))]
    public void A_request_through_a_network_needs_the_membership_to_be_active(bool? active)
    {
        var membership = active is null ? null : Membership(active.Value);
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Request(Channel.CityNetwork, CityNetId), membership));
    }

    public static TheoryData<RequestExchange, string> InvalidRequests => new()
    {
        { new RequestExchange(" ", CountryCode.Parse("MN"), Channel.Bilateral, [Topis], D("2013")), "partnerCity" },
        { new RequestExchange("Ulaanbaatar", default, Channel.Bilateral, [Topis], D("2013")), "partnerCountry" },
        { new RequestExchange("Ulaanbaatar", CountryCode.Parse("MN"), (Channel)42, [Topis], D("2013")), "channel" },
        { new RequestExchange("Ulaanbaatar", CountryCode.Parse("MN"), Channel.CityNetwork, [Topis], D("2013")), "networkId" },
        { new RequestExchange("Ulaanbaatar", CountryCode.Parse("MN"), Channel.Embassy, [Topis], D("2013"), CityNetId), "networkId" },
        { new RequestExchange("Ulaanbaatar", CountryCode.Parse("MN"), Channel.Bilateral, [], D("2013")), "policyIds" },
        { new RequestExchange("Ulaanbaatar", CountryCode.Parse("MN"), Channel.Bilateral, [Guid.Empty], D("2013")), "policyIds" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Invalid_requests_name_the_field(RequestExchange command, string field) =>
        Assert.Equal(field, Assert.Single(command.Validate()).Field);

    public static TheoryData<object, string> InvalidCommands => new()
    {
        { new ScopeExchange((Modality)9, 3, D("2013")), "modality" },
        { new ScopeExchange(Modality.TrainingCourse, 0, D("2013")), "participants" },
        { new ScopeExchange(Modality.TrainingCourse, 3, D("2013-06"), D("2013-05")), "plannedEnd" },
        { new ApproveFunding("External Cooperation Fund", Krw(-1), D("2013")), "funding.amount" },
        { new ApproveFunding("External Cooperation Fund", Krw(0), D("2013")), "funding.amount" },
        { new ApproveFunding(" ", Krw(10), D("2013")), "source" },
        { new ScheduleExchange(D("2013-06"), D("2013-05")), "endsOn" },
        { new DeliverActivity(ActivityKind.Visit, D("2013"), 0), "participants" },
        { new SubmitActionPlan(D("2013"), ""), "summary" },
        { new ReportOutcome((AdoptionLevel)7, false, D("2013")), "adoptionLevel" },
        { new EvaluateExchange(0, D("2015")), "score" },
        { new EvaluateExchange(6, D("2015")), "score" },
        { new CancelExchange(D("2015"), " "), "reason" },
        { new SuspendExchange(D("2015"), ""), "reason" },
    };

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public void Invalid_commands_name_the_field(object command, string field) =>
        Assert.Equal(field, Assert.Single(((Diplomacy.ServiceDefaults.Http.IValidatable)command).Validate()).Field);
}
