using Diplomacy.PeaceBuilding.Programs;
using static Diplomacy.PeaceBuilding.Tests.Decisions.PeaceProgramHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

/// <summary>Suspending and resuming a program.</summary>
public class PeaceProgramSuspensionTests
{
    private static readonly ProgramSuspended Frozen = new(SuspensionReason.Political, D("2016-11"), "inter-Korean relations frozen");

    [Fact]
    public void A_suspension_keeps_its_reason_and_a_resumption_returns_to_where_the_program_was()
    {
        var suspended = Given<PeaceProgram>(Concept())
            .When(state => PeaceProgramDecisions.Decide(state, new SuspendProgram(SuspensionReason.Political, D("2016-11"), "inter-Korean relations frozen")))
            .Then(Frozen);
        Assert.Equal(ProgramStatus.Suspended, suspended.Status);
        Assert.Equal(SuspensionReason.Political, suspended.CurrentSuspension!.Reason);

        var resumed = Given<PeaceProgram>(Concept(Frozen))
            .When(state => PeaceProgramDecisions.Decide(state, new ResumeProgram(D("2018"))))
            .Then(new ProgramResumed(D("2018"), null));
        Assert.Equal(ProgramStatus.Concept, resumed.Status);
        Assert.Null(resumed.CurrentSuspension);
        Assert.Equal(D("2018"), Assert.Single(resumed.Suspensions).ResumedOn);

        var approvedThenSuspendedThenResumed = Given<PeaceProgram>(ApprovedProgram(
            new ProgramSuspended(SuspensionReason.Pandemic, D("2020-02"), null), new ProgramResumed(D("2022"), null))).State;
        Assert.Equal(ProgramStatus.Approved, approvedThenSuspendedThenResumed.Status);
    }

    [Fact]
    public void A_program_is_not_suspended_twice_nor_resumed_unless_suspended()
    {
        Given<PeaceProgram>(Concept(new ProgramSuspended(SuspensionReason.Security, D("2017"), null)))
            .When(state => PeaceProgramDecisions.Decide(state, new SuspendProgram(SuspensionReason.Political, D("2018"))))
            .ThenRejected("already suspended");
        Given<PeaceProgram>(Concept())
            .When(state => PeaceProgramDecisions.Decide(state, new ResumeProgram(D("2018"))))
            .ThenRejected("only a suspended program");
    }

    [Fact]
    public void A_program_cannot_resume_before_it_was_suspended()
    {
        var suspendedInMay = Given<PeaceProgram>(Concept(new ProgramSuspended(SuspensionReason.Security, D("2017-05"), null)));

        suspendedInMay.When(state => PeaceProgramDecisions.Decide(state, new ResumeProgram(D("2017-04")))).ThenRejected("before it was suspended");
        suspendedInMay.When(state => PeaceProgramDecisions.Decide(state, new ResumeProgram(D("2017")))).Then(new ProgramResumed(D("2017"), null));
    }
}
