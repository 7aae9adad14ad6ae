using Diplomacy.Membership.PartnerCities;
using static Diplomacy.Membership.Tests.Decisions.PartnerCityHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>Council approval, of an agreement or of an upgrade, and upgrading a friendship tie to a sister tie.</summary>
public class PartnerCityUpgradeTests
{
    // ---- council approval

    [Fact]
    public void Council_approval_of_a_proposed_tie_approves_its_agreement() =>
        Given<PartnerCity>(ProposedFriendship())
            .When(tie => PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("2009"))))
            .Then(new CouncilApprovalGranted(D("2009"), CouncilApprovalPurpose.Agreement));

    [Fact]
    public void Council_approval_is_not_granted_twice_for_the_agreement() =>
        Given<PartnerCity>(ProposedSister(AgreementApproved))
            .When(tie => PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("1996-05"))))
            .ThenRejected();

    [Fact]
    public void Council_approval_of_an_active_friendship_tie_prepares_its_upgrade()
    {
        var after = Given<PartnerCity>(ActiveFriendship())
            .When(tie => PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("2015-03"))))
            .Then(UpgradeApproved);

        Assert.Equal(D("2015-03"), after.UpgradeApprovedOn);
        Assert.Null(after.CouncilApprovedOn);
        Assert.Equal(TieType.Friendship, after.Tie);
    }

    [Fact]
    public void A_friendship_tie_approved_when_proposed_can_be_approved_again_for_its_upgrade() =>
        Given<PartnerCity>(ProposedFriendship(new CouncilApprovalGranted(D("2009"), CouncilApprovalPurpose.Agreement), new AgreementSigned(D("2010"))))
            .When(tie => PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("2015-03"))))
            .Then(UpgradeApproved);

    [Fact]
    public void Council_approval_is_not_granted_twice_for_the_upgrade() =>
        Given<PartnerCity>(ActiveFriendship(UpgradeApproved))
            .When(tie => PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("2016"))))
            .ThenRejected();

    // ---- upgrade

    [Fact]
    public void An_active_friendship_tie_approved_by_the_council_is_upgraded_to_a_sister_tie()
    {
        var after = Given<PartnerCity>(ActiveFriendship(UpgradeApproved))
            .When(tie => PartnerCityDecisions.Decide(tie, new UpgradeToSister(D("2015-06"))))
            .Then(new TieUpgradedToSister(D("2015-06")));

        Assert.Equal(TieType.Sister, after.Tie);
        Assert.Equal(D("2015-06"), after.UpgradedOn);
        Assert.Equal(PartnerCityStatus.Active, after.Status);
    }

    [Fact]
    public void An_upgrade_needs_the_councils_approval_of_the_upgrade()
    {
        Given<PartnerCity>(ActiveFriendship())
            .When(tie => PartnerCityDecisions.Decide(tie, new UpgradeToSister(D("2015"))))
            .ThenRejected();
        Given<PartnerCity>(ProposedFriendship(new CouncilApprovalGranted(D("2009"), CouncilApprovalPurpose.Agreement), new AgreementSigned(D("2010"))))
            .When(tie => PartnerCityDecisions.Decide(tie, new UpgradeToSister(D("2015"))))
            .ThenRejected();
    }

    [Fact]
    public void An_upgrade_cannot_be_dated_before_the_council_approved_it() =>
        Given<PartnerCity>(ActiveFriendship(UpgradeApproved))
            .When(tie => PartnerCityDecisions.Decide(tie, new UpgradeToSister(D("2015-02"))))
            .ThenRejected();
}
