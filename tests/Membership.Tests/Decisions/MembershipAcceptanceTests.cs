namespace Diplomacy.Membership.Tests.Decisions;

using Diplomacy.Membership.Memberships;
using static Diplomacy.Membership.Tests.Decisions.MembershipHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Applying for a membership and accepting the application.</summary>
public class MembershipAcceptanceTests
{
    [Fact]
    public void Applying_starts_the_membership_with_the_network_and_its_acronym()
    {
        var applied = Assert.IsType<MembershipApplied>(
            Assert.Single(MembershipDecisions.Decide(new ApplyForMembership(MetropolisId, D("1987-03")), "Metropolis")));

        Assert.Equal(new MembershipApplied(MetropolisId, "Metropolis", D("1987-03")), applied);

        var membership = Given<Membership>(applied).State;
        Assert.Equal(MembershipStatus.Applied, membership.Status);
        Assert.Equal(MetropolisId, membership.NetworkId);
        Assert.Equal("Metropolis", membership.NetworkAcronym);
        Assert.Equal(D("1987-03"), membership.AppliedOn);
        Assert.Null(membership.AcceptedOn);
        Assert.Empty(membership.Roles);
        Assert.Empty(membership.Hostings);
        Assert.Empty(membership.Fees);
    }

    [Fact]
    public void Applying_needs_the_networks_acronym()
    {
        Assert.ThrowsAny<ArgumentException>(() => MembershipDecisions.Decide(new ApplyForMembership(MetropolisId, D("1987")), " "));
    }

    [Fact]
    public void An_application_without_a_network_names_the_field()
    {
        Assert.Equal("networkId", Assert.Single(new ApplyForMembership(Guid.Empty, D("1987")).Validate()).Field);
        Assert.Empty(new ApplyForMembership(MetropolisId, D("1987")).Validate());
    }

    [Fact]
    public void Accepting_an_application_makes_the_membership_active()
    {
        var membership = Given<Membership>(Applied)
            .When(state => MembershipDecisions.Decide(state, new AcceptMembership(D("1987-06"))))
            .Then(new MembershipAccepted(D("1987-06")));

        Assert.Equal(MembershipStatus.Active, membership.Status);
        Assert.Equal(D("1987-06"), membership.AcceptedOn);
    }

    [Fact]
    public void An_application_cannot_be_accepted_before_it_was_made()
    {
        Given<Membership>(Applied)
            .When(state => MembershipDecisions.Decide(state, new AcceptMembership(D("1987-02"))))
            .ThenRejected("before");
        Given<Membership>(Applied)
            .When(state => MembershipDecisions.Decide(state, new AcceptMembership(D("1987"))))
            .Then(new MembershipAccepted(D("1987")));
    }
}
