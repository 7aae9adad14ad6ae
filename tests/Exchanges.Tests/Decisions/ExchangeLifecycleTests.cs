namespace Diplomacy.Exchanges.Tests.Decisions;

using Diplomacy.Exchanges.Exchanges;
using static Diplomacy.Exchanges.Tests.Decisions.ExchangeHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Cancelling, suspending and resuming an exchange, and what closing or cancelling forbids.</summary>
public class ExchangeLifecycleTests
{
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

    private static IExchangeEvent[] Decide(Exchange state, object command) => command switch
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
        Given<Exchange>(Closed()).When(state => Decide(state, command)).ThenRejected();

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Nothing_changes_after_cancelling(object command) =>
        Given<Exchange>(Cancelled()).When(state => Decide(state, command)).ThenRejected();

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void A_suspended_exchange_can_only_be_resumed_or_cancelled(object command)
    {
        var suspended = Given<Exchange>(Suspended());
        if (command is ResumeExchange or CancelExchange) Assert.Single(Decide(suspended.State, command));
        else suspended.When(state => Decide(state, command)).ThenRejected();
    }

    [Fact]
    public void Resuming_returns_to_where_the_exchange_was()
    {
        var exchange = Given<Exchange>(Suspended())
            .When(state => ExchangeDecisions.Decide(state, new ResumeExchange(D("2013-07"))))
            .Then(new ExchangeResumed(D("2013-07")));
        Assert.Equal(ExchangeStatus.Funded, exchange.Status);
        Assert.Null(exchange.SuspendedOn);
        Assert.Equal(D("2013-07"), exchange.ResumedOn);
        Given<Exchange>([.. Suspended(), new ExchangeResumed(D("2013-07"))])
            .When(state => ExchangeDecisions.Decide(state, new ResumeExchange(D("2013-08"))))
            .ThenRejected();
        Given<Exchange>(Suspended())
            .When(state => ExchangeDecisions.Decide(state, new ResumeExchange(D("2013-04"))))
            .ThenRejected();
    }

    [Fact]
    public void Cancelling_records_why()
    {
        var cancelled = Given<Exchange>(Delivering())
            .When(state => ExchangeDecisions.Decide(state, new CancelExchange(D("2014"), " Budget cut ")))
            .Then(new ExchangeCancelled(D("2014"), "Budget cut"));
        Assert.Equal(ExchangeStatus.Cancelled, cancelled.Status);
    }
}
