namespace Diplomacy.Exchanges.Tests.Decisions;

using Diplomacy.Exchanges.Exchanges;
using static Diplomacy.Exchanges.Tests.Decisions.ExchangeHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Scoping, funding and scheduling an exchange.</summary>
public class ExchangePreparationTests
{
    [Fact]
    public void Scoping_records_the_modality_participants_and_plan()
    {
        var exchange = Given<Exchange>(Fresh())
            .When(state => ExchangeDecisions.Decide(state, new ScopeExchange(Modality.StudyVisit, 12, D("2013-06"), D("2013-06"))))
            .ThenSingle<ExchangeScoped>().State;
        Assert.Equal((ExchangeStatus.Scoped, Modality.StudyVisit, 12), (exchange.Status, exchange.Modality!.Value, exchange.PlannedParticipants!.Value));
    }

    [Fact]
    public void The_scope_can_change_until_funding_is_approved()
    {
        Given<Exchange>(WithScope())
            .When(state => ExchangeDecisions.Decide(state, new ScopeExchange(Modality.TrainingCourse, 15, D("2013-09"))))
            .ThenSingle<ExchangeScoped>();
        Given<Exchange>(WithFunding())
            .When(state => ExchangeDecisions.Decide(state, new ScopeExchange(Modality.TrainingCourse, 15, D("2013-09"))))
            .ThenRejected();
    }

    [Fact]
    public void Funding_needs_a_scope_and_is_approved_once()
    {
        var approve = new ApproveFunding(" External Cooperation Fund ", Krw(50_000_000), D("2013-05"));
        Given<Exchange>(Fresh()).When(state => ExchangeDecisions.Decide(state, approve)).ThenRejected();
        var funded = Given<Exchange>(WithScope())
            .When(state => ExchangeDecisions.Decide(state, approve))
            .Then(new FundingApproved("External Cooperation Fund", Krw(50_000_000), D("2013-05")));
        Assert.Equal(ExchangeStatus.Funded, funded.Status);
        Given<Exchange>(WithFunding()).When(state => ExchangeDecisions.Decide(state, approve)).ThenRejected();
    }

    [Fact]
    public void Funding_cannot_be_approved_before_the_request() =>
        Given<Exchange>(WithScope())
            .When(state => ExchangeDecisions.Decide(state, new ApproveFunding("ECF", Krw(1), D("2012"))))
            .ThenRejected();

    [Fact]
    public void Scheduling_needs_funding()
    {
        Given<Exchange>(WithScope())
            .When(state => ExchangeDecisions.Decide(state, new ScheduleExchange(D("2013-06"))))
            .ThenRejected();
        var scheduled = Given<Exchange>(WithFunding())
            .When(state => ExchangeDecisions.Decide(state, new ScheduleExchange(D("2013-06"))))
            .ThenSingle<ExchangeScheduled>().State;
        Assert.Equal(ExchangeStatus.Scheduled, scheduled.Status);
    }
}
