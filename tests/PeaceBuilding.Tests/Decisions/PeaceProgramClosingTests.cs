using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.PeaceBuilding.Tests.Decisions.PeaceProgramHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

/// <summary>Completing, cancelling and evaluating a program, and the whole story of one.</summary>
public class PeaceProgramClosingTests
{
    [Fact]
    public void Only_an_approved_program_that_is_not_suspended_is_completed()
    {
        Given<PeaceProgram>(Concept())
            .When(state => PeaceProgramDecisions.Decide(state, new CompleteProgram(D("2019"))))
            .ThenRejected("only an approved program");
        Given<PeaceProgram>(ApprovedProgram(new ProgramSuspended(SuspensionReason.Political, D("2019"), null)))
            .When(state => PeaceProgramDecisions.Decide(state, new CompleteProgram(D("2019"))))
            .ThenRejected("suspended");

        var completed = Given<PeaceProgram>(ApprovedProgram())
            .When(state => PeaceProgramDecisions.Decide(state, new CompleteProgram(D("2019"))))
            .Then(new ProgramCompleted(D("2019"), null));
        Assert.Equal(ProgramStatus.Completed, completed.Status);
    }

    [Fact]
    public void Nothing_changes_a_closed_program_but_an_evaluation()
    {
        var completed = Funded(new ProgramCompleted(D("2019"), null));
        var cancelled = Concept(new ProgramCancelled(D("2019"), "no longer possible"));
        foreach (var history in new[] { completed, cancelled })
        {
            var closed = Given<PeaceProgram>(history);
            closed.When(state => PeaceProgramDecisions.Decide(state, Delivery(1))).ThenRejected("nothing can change it");
            closed.When(state => PeaceProgramDecisions.Decide(state, new AllocateFunds(Fund, M(1, "KRW"), D("2020")))).ThenRejected("nothing can change it");
            closed.When(state => PeaceProgramDecisions.Decide(state, new SuspendProgram(SuspensionReason.Political, D("2020")))).ThenRejected("nothing can change it");
            closed.When(state => PeaceProgramDecisions.Decide(state, new CancelProgram(D("2020"), "again"))).ThenRejected("nothing can change it");
            closed.When(state => PeaceProgramDecisions.Decide(state, new EvaluateProgram(D("2020"), EvaluationRating.Successful, "delivered")))
                .Then(new ProgramEvaluated(D("2020"), EvaluationRating.Successful, "delivered"));
        }
    }

    [Fact]
    public void A_concept_is_not_evaluated() =>
        Given<PeaceProgram>(Concept())
            .When(state => PeaceProgramDecisions.Decide(state, new EvaluateProgram(D("2020"), EvaluationRating.Successful, "too early")))
            .ThenRejected("evaluated once it has been approved");

    [Fact]
    public void The_mexico_city_relief_goes_from_concept_to_completion()
    {
        var program = Given<PeaceProgram>(MexicoConcept).State;
        foreach (var decide in new Func<PeaceProgram, IPeaceProgramEvent[]>[]
        {
            p => PeaceProgramDecisions.Decide(p, new AssessRisk(RiskLevel.Low, SanctionsScreening.Cleared, D("2017"))),
            p => PeaceProgramDecisions.Decide(p, new ApproveProgram(D("2017"))),
            p => PeaceProgramDecisions.Decide(p, new AllocateFunds("Seoul disaster relief", M(50_000, "USD"), D("2017"))),
            p => PeaceProgramDecisions.Decide(p, new RecordDelivery(DeliveryKind.Grant, "relief", "Seoul disaster relief", M(50_000, "USD"), D("2017"), "Mexico City")),
            p => PeaceProgramDecisions.Decide(p, new CompleteProgram(D("2017"))),
        })
            program = decide(program).Aggregate((PeaceProgram?)program, PeaceProgram.Fold)!;

        Assert.Equal(ProgramStatus.Completed, program.Status);
        Assert.Equal(new FundBalance("Seoul disaster relief", CurrencyCode.Parse("USD"), 50_000, 50_000), Assert.Single(program.Funds));
    }
}
