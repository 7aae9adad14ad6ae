using Diplomacy.Membership.PartnerCities;
using static Diplomacy.Membership.Tests.Decisions.PartnerCityHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>Suspending, resuming and terminating a tie.</summary>
public class PartnerCityLifecycleTests
{
    [Fact]
    public void An_active_tie_can_be_suspended_with_a_reason()
    {
        var tie = Given<PartnerCity>(ActiveSister())
            .When(state => PartnerCityDecisions.Decide(state, new SuspendTie(D("2000"), " diplomatic row ")))
            .Then(new TieSuspended(D("2000"), "diplomatic row"));

        Assert.Equal(PartnerCityStatus.Suspended, tie.Status);
        Assert.Equal(D("2000"), tie.SuspendedOn);
        Assert.Equal("diplomatic row", tie.SuspensionReason);
    }

    [Fact]
    public void A_suspended_tie_can_be_resumed()
    {
        var tie = Given<PartnerCity>(Suspended())
            .When(state => PartnerCityDecisions.Decide(state, new ResumeTie(D("2002"))))
            .Then(new TieResumed(D("2002")));

        Assert.Equal(PartnerCityStatus.Active, tie.Status);
        Assert.Equal(D("2002"), tie.ResumedOn);
        Assert.Null(tie.SuspendedOn);
        Assert.Null(tie.SuspensionReason);
    }

    [Fact]
    public void A_tie_is_not_suspended_twice_nor_resumed_before_it_was_suspended()
    {
        Given<PartnerCity>(Suspended())
            .When(state => PartnerCityDecisions.Decide(state, new SuspendTie(D("2001"), "another row")))
            .ThenRejected("already suspended (since 2000)");
        Given<PartnerCity>(Suspended())
            .When(state => PartnerCityDecisions.Decide(state, new ResumeTie(D("1999"))))
            .ThenRejected("before it was suspended (2000)");
        Given<PartnerCity>(Suspended())
            .When(state => PartnerCityDecisions.Decide(state, new ResumeTie(D("2000-06"))))
            .Then(new TieResumed(D("2000-06")));
    }

    [Theory]
    [InlineData(PartnerCityStatus.Proposed)]
    [InlineData(PartnerCityStatus.Active)]
    [InlineData(PartnerCityStatus.Suspended)]
    public void A_tie_can_be_terminated_unless_it_already_was(PartnerCityStatus status)
    {
        var tie = Given<PartnerCity>(InStatus(status))
            .When(state => PartnerCityDecisions.Decide(state, new TerminateTie(D("2018"), " San Francisco revoked its tie with Osaka ")))
            .Then(new TieTerminated(D("2018"), "San Francisco revoked its tie with Osaka"));

        Assert.Equal(PartnerCityStatus.Terminated, tie.Status);
        Assert.Equal(D("2018"), tie.TerminatedOn);
        Assert.Equal("San Francisco revoked its tie with Osaka", tie.TerminationReason);
    }

    [Fact]
    public void A_termination_without_a_reason_has_none() =>
        Given<PartnerCity>(ActiveSister())
            .When(state => PartnerCityDecisions.Decide(state, new TerminateTie(D("2018"), "")))
            .Then(new TieTerminated(D("2018"), null));

    [Fact]
    public void Suspension_and_termination_reasons_are_checked()
    {
        Assert.Equal("reason", Assert.Single(new SuspendTie(D("2000"), " ").Validate()).Field);
        Assert.Equal("reason", Assert.Single(new SuspendTie(D("2000"), new string('x', 501)).Validate()).Field);
        Assert.Empty(new SuspendTie(D("2000"), "diplomatic row").Validate());
        Assert.Equal("reason", Assert.Single(new TerminateTie(D("2018"), new string('x', 501)).Validate()).Field);
        Assert.Empty(new TerminateTie(D("2018")).Validate());
        Assert.Empty(new GrantCouncilApproval(D("2018")).Validate());
        Assert.Empty(new SignMou(D("2018")).Validate());
        Assert.Empty(new SignAgreement(D("2018")).Validate());
        Assert.Empty(new UpgradeToSister(D("2018")).Validate());
        Assert.Empty(new ResumeTie(D("2018")).Validate());
    }
}
