namespace Diplomacy.Membership.Tests.Decisions;

using Diplomacy.Membership.Memberships;
using static Diplomacy.Membership.Tests.Decisions.MembershipHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Lapsing, withdrawing and reinstating a membership, and the status changes each status forbids.</summary>
public class MembershipLifecycleTests
{
    [Fact]
    public void An_active_membership_can_lapse()
    {
        var membership = Given<Membership>(Active())
            .When(state => MembershipDecisions.Decide(state, new LapseMembership(D("1999"))))
            .Then(new MembershipLapsed(D("1999")));

        Assert.Equal(MembershipStatus.Lapsed, membership.Status);
        Assert.Equal(D("1999"), membership.LapsedOn);
    }

    [Theory]
    [InlineData(MembershipStatus.Applied)]
    [InlineData(MembershipStatus.Active)]
    [InlineData(MembershipStatus.Lapsed)]
    public void A_membership_can_be_withdrawn_while_applied_active_or_lapsed(MembershipStatus status)
    {
        var membership = Given<Membership>(InStatus(status))
            .When(state => MembershipDecisions.Decide(state, new WithdrawMembership(D("2001"), " budget cuts ")))
            .Then(new MembershipWithdrawn(D("2001"), "budget cuts"));

        Assert.Equal(MembershipStatus.Withdrawn, membership.Status);
        Assert.Equal(D("2001"), membership.WithdrawnOn);
        Assert.Equal("budget cuts", membership.WithdrawalReason);
    }

    [Fact]
    public void A_blank_withdrawal_reason_is_no_reason() =>
        Given<Membership>(Active())
            .When(state => MembershipDecisions.Decide(state, new WithdrawMembership(D("2001"), " ")))
            .Then(new MembershipWithdrawn(D("2001"), null));

    [Theory]
    [InlineData(MembershipStatus.Lapsed)]
    [InlineData(MembershipStatus.Withdrawn)]
    public void A_lapsed_or_withdrawn_membership_can_be_reinstated(MembershipStatus status)
    {
        var membership = Given<Membership>(InStatus(status))
            .When(state => MembershipDecisions.Decide(state, new ReinstateMembership(D("2005"))))
            .Then(new MembershipReinstated(D("2005")));

        Assert.Equal(MembershipStatus.Active, membership.Status);
        Assert.Equal(D("2005"), membership.ReinstatedOn);
        Assert.Equal([new RoleElected(Role.Board, D("2005"), null, null)],
            MembershipDecisions.Decide(membership, new ElectRole(Role.Board, D("2005"))));
    }

    [Fact]
    public void A_withdrawn_application_cannot_be_reinstated() =>
        Given<Membership>(WithdrawnApplication())
            .When(state => MembershipDecisions.Decide(state, new ReinstateMembership(D("1990"))))
            .ThenRejected("never accepted");

    public static TheoryData<string, MembershipStatus> ForbiddenTransitions => new()
    {
        { "accept", MembershipStatus.Active },
        { "accept", MembershipStatus.Lapsed },
        { "accept", MembershipStatus.Withdrawn },
        { "lapse", MembershipStatus.Applied },
        { "lapse", MembershipStatus.Lapsed },
        { "lapse", MembershipStatus.Withdrawn },
        { "withdraw", MembershipStatus.Withdrawn },
        { "reinstate", MembershipStatus.Applied },
        { "reinstate", MembershipStatus.Active },
    };

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public void A_status_change_the_current_status_does_not_allow_is_a_rule_violation(string action, MembershipStatus status) =>
        Given<Membership>(InStatus(status))
            .When(membership => action switch
            {
                "accept" => MembershipDecisions.Decide(membership, new AcceptMembership(D("2010"))),
                "lapse" => MembershipDecisions.Decide(membership, new LapseMembership(D("2010"))),
                "withdraw" => MembershipDecisions.Decide(membership, new WithdrawMembership(D("2010"))),
                _ => MembershipDecisions.Decide(membership, new ReinstateMembership(D("2010"))),
            })
            .ThenRejected("only");

    [Fact]
    public void A_withdrawal_reason_is_at_most_500_characters()
    {
        Assert.Equal("reason", Assert.Single(new WithdrawMembership(D("2001"), new string('x', 501)).Validate()).Field);
        Assert.Empty(new WithdrawMembership(D("2001")).Validate());
        Assert.Empty(new AcceptMembership(D("2001")).Validate());
        Assert.Empty(new LapseMembership(D("2001")).Validate());
        Assert.Empty(new ReinstateMembership(D("2001")).Validate());
    }
}
