namespace Diplomacy.Exchanges.Tests.Decisions;

using Diplomacy.Exchanges.Exchanges;
using static Diplomacy.Exchanges.Tests.Decisions.ExchangeHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Reporting outcomes, evaluating and closing an exchange.</summary>
public class ExchangeOutcomeTests
{
    [Fact]
    public void No_outcome_before_an_activity_was_delivered()
    {
        Given<Exchange>(WithFunding())
            .When(state => ExchangeDecisions.Decide(state, new ReportOutcome(AdoptionLevel.Adopted, true, D("2014"))))
            .ThenRejected();
        Given<Exchange>(Requested, Scoped, Funded, Scheduled)
            .When(state => ExchangeDecisions.Decide(state, new ReportOutcome(AdoptionLevel.Adopted, true, D("2014"))))
            .ThenRejected();
    }

    [Fact]
    public void An_outcome_is_about_the_exchanges_one_policy_by_default_and_a_later_report_supersedes()
    {
        var exchange = Given<Exchange>(Reported())
            .When(state => ExchangeDecisions.Decide(state, new ReportOutcome(AdoptionLevel.Adopted, true, D("2015"), Evidence: " Council ordinance ")))
            .Then(new OutcomeReported(Topis, AdoptionLevel.Adopted, true, D("2015"), "Council ordinance"));
        Assert.Equal(ExchangeStatus.OutcomeReported, exchange.Status);
        Assert.Equal(AdoptionLevel.Adopted, exchange.LatestOutcomeFor(Topis)!.AdoptionLevel);
        Assert.Equal(2, exchange.Outcomes.Count);
    }

    [Fact]
    public void An_outcome_names_a_policy_of_the_exchange()
    {
        Given<Exchange>(Delivering())
            .When(state => ExchangeDecisions.Decide(state, new ReportOutcome(AdoptionLevel.Adopted, false, D("2014"), TransitCard)))
            .ThenRejected();
        var two = Given<Exchange>(Requested with { PolicyIds = [Topis, TransitCard] }, Scoped, Funded, Visit);
        two.When(state => ExchangeDecisions.Decide(state, new ReportOutcome(AdoptionLevel.Adopted, false, D("2014")))).ThenRejected();
        var (outcome, _) = two.When(state => ExchangeDecisions.Decide(state, new ReportOutcome(AdoptionLevel.Scaled, false, D("2014"), TransitCard)))
            .ThenSingle<OutcomeReported>();
        Assert.Equal(TransitCard, outcome.PolicyId);
    }

    [Fact]
    public void An_outcome_is_not_dated_before_the_first_delivery() =>
        Given<Exchange>(Delivering())
            .When(state => ExchangeDecisions.Decide(state, new ReportOutcome(AdoptionLevel.None, false, D("2012"))))
            .ThenRejected();

    [Fact]
    public void No_evaluation_before_an_outcome_and_only_one()
    {
        var evaluate = new EvaluateExchange(4, D("2015"), "Good uptake");
        Given<Exchange>(Delivering()).When(state => ExchangeDecisions.Decide(state, evaluate)).ThenRejected();
        var evaluated = Given<Exchange>(Reported()).When(state => ExchangeDecisions.Decide(state, evaluate)).ThenSingle<ExchangeEvaluated>().State;
        Assert.Equal(ExchangeStatus.Evaluated, evaluated.Status);
        Given<Exchange>(EvaluatedExchange()).When(state => ExchangeDecisions.Decide(state, evaluate)).ThenRejected();
        Given<Exchange>(EvaluatedExchange())
            .When(state => ExchangeDecisions.Decide(state, new ReportOutcome(AdoptionLevel.Scaled, false, D("2016"))))
            .ThenRejected();
    }

    [Fact]
    public void An_exchange_is_closed_once_evaluated()
    {
        Given<Exchange>(Reported()).When(state => ExchangeDecisions.Decide(state, new CloseExchange(D("2015")))).ThenRejected();
        var closed = Given<Exchange>(EvaluatedExchange())
            .When(state => ExchangeDecisions.Decide(state, new CloseExchange(D("2015"))))
            .Then(new ExchangeClosed(D("2015")));
        Assert.Equal(ExchangeStatus.Closed, closed.Status);
    }
}
