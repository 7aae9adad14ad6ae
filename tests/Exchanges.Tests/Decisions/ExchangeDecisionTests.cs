namespace Diplomacy.Exchanges.Tests.Decisions;

using Diplomacy.Exchanges.Exchanges;
using Diplomacy.Exchanges.Integration;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

public class ExchangeDecisionTests
{
    private static readonly Guid Topis = Guid.Parse("0e0c3b8a-1d0c-4b8e-9a4e-5b7f2c9d1a01");
    private static readonly Guid TransitCard = Guid.Parse("0e0c3b8a-1d0c-4b8e-9a4e-5b7f2c9d1a02");
    private static readonly Guid CityNetId = Guid.Parse("6f1c2a5e-6a44-4c51-9d8e-0b8f2f3c1a02");

    private static PartialDate D(string text) => PartialDate.Parse(text);
    private static Money Krw(decimal amount) => new(amount, CurrencyCode.Parse("KRW"));

    private static readonly ExchangeRequested Requested =
        new("Ulaanbaatar", CountryCode.Parse("MN"), Channel.Bilateral, null, null, [Topis], D("2013-03"));
    private static readonly ExchangeScoped Scoped = new(Modality.StudyVisit, 12, D("2013-06"), D("2013-06"));
    private static readonly FundingApproved Funded = new("External Cooperation Fund", Krw(50_000_000), D("2013-05"));
    private static readonly ExchangeScheduled Scheduled = new(D("2013-06-10"), D("2013-06-14"));
    private static readonly ActivityDelivered Visit = new(ActivityKind.Visit, D("2013-06-10"), 12, null);
    private static readonly OutcomeReported Piloting = new(Topis, AdoptionLevel.Piloting, false, D("2014"), null);
    private static readonly ExchangeEvaluated Evaluated = new(4, D("2015"), null);

    private static Exchange Given(params IExchangeEvent[] events) => Aggregate.Fold<Exchange>(events)!;
    private static Exchange Fresh() => Given(Requested);
    private static Exchange WithScope() => Given(Requested, Scoped);
    private static Exchange WithFunding() => Given(Requested, Scoped, Funded);
    private static Exchange Delivering() => Given(Requested, Scoped, Funded, Scheduled, Visit);
    private static Exchange Reported() => Given(Requested, Scoped, Funded, Scheduled, Visit, Piloting);
    private static Exchange EvaluatedExchange() => Given(Requested, Scoped, Funded, Scheduled, Visit, Piloting, Evaluated);
    private static Exchange Closed() => Given(Requested, Scoped, Funded, Scheduled, Visit, Piloting, Evaluated, new ExchangeClosed(D("2015")));
    private static Exchange Cancelled() => Given(Requested, Scoped, new ExchangeCancelled(D("2013-04"), "Partner withdrew"));
    private static Exchange Suspended() => Given(Requested, Scoped, Funded, new ExchangeSuspended(D("2013-05"), "Election"));

    private static T Single<T>(object[] events) => Assert.IsType<T>(Assert.Single(events));

    private static NetworkMembershipStatus Membership(bool active) => new()
    {
        Id = CityNetId, Acronym = "CityNet", Active = active, EndReason = active ? null : "withdrawn", EndedOn = active ? null : "2020",
    };

    private static RequestExchange Request(Channel channel, Guid? networkId = null) =>
        new("Ulaanbaatar", CountryCode.Parse("MN"), channel, [Topis, Topis], D("2013-03"), networkId);

    // ---- request and the city-network rule

    [Theory]
    [InlineData(Channel.Bilateral)]
    [InlineData(Channel.Embassy)]
    [InlineData(Channel.SeoulOffer)]
    public void A_request_outside_a_network_needs_no_membership(Channel channel)
    {
        var requested = Single<ExchangeRequested>(ExchangeDecisions.Decide(Request(channel), null));
        Assert.Equal(new ExchangeRequested("Ulaanbaatar", CountryCode.Parse("MN"), channel, null, null, requested.PolicyIds, D("2013-03")), requested);
        Assert.Equal([Topis], requested.PolicyIds);
        var exchange = Given(requested);
        Assert.Equal(ExchangeStatus.Requested, exchange.Status);
        Assert.Equal("Ulaanbaatar", exchange.PartnerCity);
    }

    [Fact]
    public void A_request_through_a_network_with_an_active_membership_records_the_network()
    {
        var requested = Single<ExchangeRequested>(ExchangeDecisions.Decide(Request(Channel.CityNetwork, CityNetId), Membership(active: true)));
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

    // ---- the lifecycle

    [Fact]
    public void Scoping_records_the_modality_participants_and_plan()
    {
        var scoped = Single<ExchangeScoped>(ExchangeDecisions.Decide(Fresh(), new ScopeExchange(Modality.StudyVisit, 12, D("2013-06"), D("2013-06"))));
        var exchange = Given(Requested, scoped);
        Assert.Equal((ExchangeStatus.Scoped, Modality.StudyVisit, 12), (exchange.Status, exchange.Modality!.Value, exchange.PlannedParticipants!.Value));
    }

    [Fact]
    public void The_scope_can_change_until_funding_is_approved()
    {
        Assert.Single(ExchangeDecisions.Decide(WithScope(), new ScopeExchange(Modality.TrainingCourse, 15, D("2013-09"))));
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(WithFunding(), new ScopeExchange(Modality.TrainingCourse, 15, D("2013-09"))));
    }

    [Fact]
    public void Funding_needs_a_scope_and_is_approved_once()
    {
        var approve = new ApproveFunding(" External Cooperation Fund ", Krw(50_000_000), D("2013-05"));
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Fresh(), approve));
        var funded = Single<FundingApproved>(ExchangeDecisions.Decide(WithScope(), approve));
        Assert.Equal(new FundingApproved("External Cooperation Fund", Krw(50_000_000), D("2013-05")), funded);
        Assert.Equal(ExchangeStatus.Funded, Given(Requested, Scoped, funded).Status);
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(WithFunding(), approve));
    }

    [Fact]
    public void Funding_cannot_be_approved_before_the_request() =>
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(WithScope(), new ApproveFunding("ECF", Krw(1), D("2012"))));

    [Fact]
    public void Scheduling_needs_funding()
    {
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(WithScope(), new ScheduleExchange(D("2013-06"))));
        Assert.Equal(ExchangeStatus.Scheduled, Given(Requested, Scoped, Funded, Single<ExchangeScheduled>(
            ExchangeDecisions.Decide(WithFunding(), new ScheduleExchange(D("2013-06"))))).Status);
    }

    public static TheoryData<string> BeforeFunding => new() { "requested", "scoped" };

    [Theory]
    [MemberData(nameof(BeforeFunding))]
    public void Nothing_is_delivered_before_funding_is_approved(string stage)
    {
        var state = stage == "requested" ? Fresh() : WithScope();
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(state, new DeliverActivity(ActivityKind.Visit, D("2013-06"), 12)));
    }

    [Fact]
    public void A_delivery_is_recorded_once_funded_and_not_dated_before_the_funding()
    {
        var delivered = Single<ActivityDelivered>(ExchangeDecisions.Decide(WithFunding(), new DeliverActivity(ActivityKind.CourseSession, D("2013-06"), 14, " ")));
        Assert.Equal(new ActivityDelivered(ActivityKind.CourseSession, D("2013-06"), 14, null), delivered);
        Assert.Equal(ExchangeStatus.Delivering, Given(Requested, Scoped, Funded, delivered).Status);
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(WithFunding(), new DeliverActivity(ActivityKind.Visit, D("2013-04"), 1)));
    }

    [Fact]
    public void A_secondment_ends_only_after_it_started()
    {
        var end = new DeliverActivity(ActivityKind.SecondmentEnd, D("2014"), 1);
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(WithFunding(), end));
        var started = Given(Requested, Scoped, Funded, new ActivityDelivered(ActivityKind.SecondmentStart, D("2013-06"), 1, null));
        Assert.Single(ExchangeDecisions.Decide(started, end));
    }

    [Fact]
    public void Rescheduling_after_a_delivery_keeps_the_exchange_delivering()
    {
        var rescheduled = Single<ExchangeScheduled>(ExchangeDecisions.Decide(Delivering(), new ScheduleExchange(D("2013-09"))));
        Assert.Equal(ExchangeStatus.Delivering, Given(Requested, Scoped, Funded, Scheduled, Visit, rescheduled).Status);
    }

    [Fact]
    public void The_action_plan_comes_after_a_delivery_and_once()
    {
        var plan = new SubmitActionPlan(D("2013-09"), "Pilot a bus information system on two corridors");
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(WithFunding(), plan));
        var submitted = Single<ActionPlanSubmitted>(ExchangeDecisions.Decide(Delivering(), plan));
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Given(Requested, Scoped, Funded, Visit, submitted), plan));
    }

    [Fact]
    public void No_outcome_before_an_activity_was_delivered()
    {
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(WithFunding(), new ReportOutcome(AdoptionLevel.Adopted, true, D("2014"))));
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Given(Requested, Scoped, Funded, Scheduled), new ReportOutcome(AdoptionLevel.Adopted, true, D("2014"))));
    }

    [Fact]
    public void An_outcome_is_about_the_exchanges_one_policy_by_default_and_a_later_report_supersedes()
    {
        var adopted = Single<OutcomeReported>(ExchangeDecisions.Decide(Reported(), new ReportOutcome(AdoptionLevel.Adopted, true, D("2015"), Evidence: " Council ordinance ")));
        Assert.Equal(new OutcomeReported(Topis, AdoptionLevel.Adopted, true, D("2015"), "Council ordinance"), adopted);
        var exchange = Given(Requested, Scoped, Funded, Scheduled, Visit, Piloting, adopted);
        Assert.Equal(ExchangeStatus.OutcomeReported, exchange.Status);
        Assert.Equal(AdoptionLevel.Adopted, exchange.LatestOutcomeFor(Topis)!.AdoptionLevel);
        Assert.Equal(2, exchange.Outcomes.Count);
    }

    [Fact]
    public void An_outcome_names_a_policy_of_the_exchange()
    {
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Delivering(), new ReportOutcome(AdoptionLevel.Adopted, false, D("2014"), TransitCard)));
        var two = Given(Requested with { PolicyIds = [Topis, TransitCard] }, Scoped, Funded, Visit);
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(two, new ReportOutcome(AdoptionLevel.Adopted, false, D("2014"))));
        Assert.Equal(TransitCard, Single<OutcomeReported>(ExchangeDecisions.Decide(two, new ReportOutcome(AdoptionLevel.Scaled, false, D("2014"), TransitCard))).PolicyId);
    }

    [Fact]
    public void An_outcome_is_not_dated_before_the_first_delivery() =>
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Delivering(), new ReportOutcome(AdoptionLevel.None, false, D("2012"))));

    [Fact]
    public void No_evaluation_before_an_outcome_and_only_one()
    {
        var evaluate = new EvaluateExchange(4, D("2015"), "Good uptake");
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Delivering(), evaluate));
        var evaluated = Single<ExchangeEvaluated>(ExchangeDecisions.Decide(Reported(), evaluate));
        Assert.Equal(ExchangeStatus.Evaluated, Given(Requested, Scoped, Funded, Scheduled, Visit, Piloting, evaluated).Status);
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(EvaluatedExchange(), evaluate));
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(EvaluatedExchange(), new ReportOutcome(AdoptionLevel.Scaled, false, D("2016"))));
    }

    [Fact]
    public void An_exchange_is_closed_once_evaluated()
    {
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Reported(), new CloseExchange(D("2015"))));
        var closed = Single<ExchangeClosed>(ExchangeDecisions.Decide(EvaluatedExchange(), new CloseExchange(D("2015"))));
        Assert.Equal(ExchangeStatus.Closed, Given(Requested, Scoped, Funded, Scheduled, Visit, Piloting, Evaluated, closed).Status);
    }

    public static TheoryData<object> EveryCommand => new()
    {
        new ScopeExchange(Modality.Consulting, 3, D("2016")),
        new ApproveFunding("ECF", Krw(1), D("2016")),
        new ScheduleExchange(D("2016")),
        new DeliverActivity(ActivityKind.Visit, D("2016"), 3),
        new SubmitActionPlan(D("2016"), "plan"),
        new ReportOutcome(AdoptionLevel.Adopted, true, D("2016")),
        new EvaluateExchange(3, D("2016")),
        new CloseExchange(D("2016")),
        new CancelExchange(D("2016"), "why"),
        new SuspendExchange(D("2016"), "why"),
        new ResumeExchange(D("2016")),
    };

    private static object[] Decide(Exchange state, object command) => command switch
    {
        ScopeExchange c => ExchangeDecisions.Decide(state, c),
        ApproveFunding c => ExchangeDecisions.Decide(state, c),
        ScheduleExchange c => ExchangeDecisions.Decide(state, c),
        DeliverActivity c => ExchangeDecisions.Decide(state, c),
        SubmitActionPlan c => ExchangeDecisions.Decide(state, c),
        ReportOutcome c => ExchangeDecisions.Decide(state, c),
        EvaluateExchange c => ExchangeDecisions.Decide(state, c),
        CloseExchange c => ExchangeDecisions.Decide(state, c),
        CancelExchange c => ExchangeDecisions.Decide(state, c),
        SuspendExchange c => ExchangeDecisions.Decide(state, c),
        ResumeExchange c => ExchangeDecisions.Decide(state, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Nothing_changes_after_closing(object command) =>
        Assert.Throws<RuleViolation>(() => Decide(Closed(), command));

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Nothing_changes_after_cancelling(object command) =>
        Assert.Throws<RuleViolation>(() => Decide(Cancelled(), command));

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void A_suspended_exchange_can_only_be_resumed_or_cancelled(object command)
    {
        if (command is ResumeExchange or CancelExchange) Assert.Single(Decide(Suspended(), command));
        else Assert.Throws<RuleViolation>(() => Decide(Suspended(), command));
    }

    [Fact]
    public void Resuming_returns_to_where_the_exchange_was()
    {
        var resumed = Single<ExchangeResumed>(ExchangeDecisions.Decide(Suspended(), new ResumeExchange(D("2013-07"))));
        var exchange = Given(Requested, Scoped, Funded, new ExchangeSuspended(D("2013-05"), "Election"), resumed);
        Assert.Equal(ExchangeStatus.Funded, exchange.Status);
        Assert.Null(exchange.SuspendedOn);
        Assert.Equal(D("2013-07"), exchange.ResumedOn);
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(exchange, new ResumeExchange(D("2013-08"))));
        Assert.Throws<RuleViolation>(() => ExchangeDecisions.Decide(Suspended(), new ResumeExchange(D("2013-04"))));
    }

    [Fact]
    public void Cancelling_records_why()
    {
        var cancelled = Single<ExchangeCancelled>(ExchangeDecisions.Decide(Delivering(), new CancelExchange(D("2014"), " Budget cut ")));
        Assert.Equal(new ExchangeCancelled(D("2014"), "Budget cut"), cancelled);
        Assert.Equal(ExchangeStatus.Cancelled, Given(Requested, Scoped, Funded, Visit, cancelled).Status);
    }
}
