namespace Diplomacy.Exchanges.Tests.Decisions;

using Diplomacy.Exchanges.Exchanges;
using static Diplomacy.Exchanges.Tests.Decisions.ExchangeHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Delivering activities, rescheduling and the partner's action plan.</summary>
public class ExchangeDeliveryTests
{
    public static TheoryData<string> BeforeFunding => new() { "requested", "scoped" };

    [Theory]
    [MemberData(nameof(BeforeFunding))]
    public void Nothing_is_delivered_before_funding_is_approved(string stage) =>
        Given<Exchange>(stage == "requested" ? Fresh() : WithScope())
            .When(state => ExchangeDecisions.Decide(state, new DeliverActivity(ActivityKind.Visit, D("2013-06"), 12)))
            .ThenRejected();

    [Fact]
    public void A_delivery_is_recorded_once_funded_and_not_dated_before_the_funding()
    {
        var delivering = Given<Exchange>(WithFunding())
            .When(state => ExchangeDecisions.Decide(state, new DeliverActivity(ActivityKind.CourseSession, D("2013-06"), 14, " ")))
            .Then(new ActivityDelivered(ActivityKind.CourseSession, D("2013-06"), 14, null));
        Assert.Equal(ExchangeStatus.Delivering, delivering.Status);
        Given<Exchange>(WithFunding())
            .When(state => ExchangeDecisions.Decide(state, new DeliverActivity(ActivityKind.Visit, D("2013-04"), 1)))
            .ThenRejected();
    }

    [Fact]
    public void A_secondment_ends_only_after_it_started()
    {
        var end = new DeliverActivity(ActivityKind.SecondmentEnd, D("2014"), 1);
        Given<Exchange>(WithFunding()).When(state => ExchangeDecisions.Decide(state, end)).ThenRejected();
        Given<Exchange>([.. WithFunding(), new ActivityDelivered(ActivityKind.SecondmentStart, D("2013-06"), 1, null)])
            .When(state => ExchangeDecisions.Decide(state, end))
            .ThenSingle<ActivityDelivered>();
    }

    [Fact]
    public void Rescheduling_after_a_delivery_keeps_the_exchange_delivering()
    {
        var rescheduled = Given<Exchange>(Delivering())
            .When(state => ExchangeDecisions.Decide(state, new ScheduleExchange(D("2013-09"))))
            .ThenSingle<ExchangeScheduled>().State;
        Assert.Equal(ExchangeStatus.Delivering, rescheduled.Status);
    }

    [Fact]
    public void The_action_plan_comes_after_a_delivery_and_once()
    {
        var plan = new SubmitActionPlan(D("2013-09"), "Pilot a bus information system on two corridors");
        Given<Exchange>(WithFunding()).When(state => ExchangeDecisions.Decide(state, plan)).ThenRejected();
        var (submitted, _) = Given<Exchange>(Delivering())
            .When(state => ExchangeDecisions.Decide(state, plan))
            .ThenSingle<ActionPlanSubmitted>();
        Given<Exchange>(Requested, Scoped, Funded, Visit, submitted)
            .When(state => ExchangeDecisions.Decide(state, plan))
            .ThenRejected();
    }
}
