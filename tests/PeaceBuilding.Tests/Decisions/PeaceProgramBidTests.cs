using Diplomacy.PeaceBuilding.Programs;
using static Diplomacy.PeaceBuilding.Tests.Decisions.PeaceProgramHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

/// <summary>Submitting a hosting bid and recording its outcome.</summary>
public class PeaceProgramBidTests
{
    [Fact]
    public void A_hosting_bid_is_submitted_once_and_decided_once()
    {
        var olympics = PyongyangConcept with { Area = ProgramArea.Sports };
        var submitted = new BidSubmitted("2032 Summer Olympics", "IOC", D("2021-04-01"));
        var lost = new BidOutcomeRecorded(BidOutcome.Lost, null, "Brisbane");

        Given<PeaceProgram>(olympics)
            .When(state => PeaceProgramDecisions.Decide(state, new SubmitBid("2032 Summer Olympics", "IOC", D("2021-04-01"))))
            .Then(submitted);
        Given<PeaceProgram>(olympics, submitted)
            .When(state => PeaceProgramDecisions.Decide(state, new SubmitBid("2036 Summer Olympics", "IOC", D("2022"))))
            .ThenRejected("already submitted");

        var decided = Given<PeaceProgram>(olympics, submitted)
            .When(state => PeaceProgramDecisions.Decide(state, new RecordBidOutcome(BidOutcome.Lost, null, "Brisbane")))
            .Then(lost);
        Assert.Equal(new Bid("2032 Summer Olympics", "IOC", D("2021-04-01"), BidOutcome.Lost, null, "Brisbane"), decided.Bid);
        Given<PeaceProgram>(olympics, submitted, lost)
            .When(state => PeaceProgramDecisions.Decide(state, new RecordBidOutcome(BidOutcome.Won)))
            .ThenRejected("already decided");
    }

    [Fact]
    public void No_bid_outcome_without_a_bid_nor_before_it_was_submitted()
    {
        Given<PeaceProgram>(Concept())
            .When(state => PeaceProgramDecisions.Decide(state, new RecordBidOutcome(BidOutcome.Lost)))
            .ThenRejected("no bid");
        Given<PeaceProgram>(Concept(new BidSubmitted("2032 Summer Olympics", "IOC", D("2021-04"))))
            .When(state => PeaceProgramDecisions.Decide(state, new RecordBidOutcome(BidOutcome.Lost, D("2021-03"))))
            .ThenRejected("before it was submitted");
    }
}
