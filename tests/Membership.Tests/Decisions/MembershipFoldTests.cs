namespace Diplomacy.Membership.Tests.Decisions;

using Diplomacy.Membership.Memberships;
using Diplomacy.ServiceDefaults.EventStore;
using static Diplomacy.Membership.Tests.Decisions.MembershipHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>How a membership's history folds into its state.</summary>
public class MembershipFoldTests
{
    [Fact]
    public void A_history_folds_into_the_membership_it_describes()
    {
        var membership = Given<Membership>(
            Applied,
            Accepted,
            new RoleElected(Role.VicePresident, D("2011"), null, "Asia-Pacific regional vice-president"),
            Congress,
            new HostingDelivered("7th World Congress", D("2002-05")),
            new FeeAssessed(2024, Usd(15_000)),
            new FeePaid(2024, D("2024-02"), Usd(15_000)),
            new MembershipLapsed(D("2025-01")),
            new MembershipReinstated(D("2025-03"))).State with { Id = MetropolisId, Version = 9 };

        Assert.Equal(MetropolisId, membership.Id);
        Assert.Equal(9, membership.Version);
        Assert.Equal(MembershipStatus.Active, membership.Status);
        Assert.Equal(D("1987-06"), membership.AcceptedOn);
        Assert.Equal(D("2025-01"), membership.LapsedOn);
        Assert.Equal(D("2025-03"), membership.ReinstatedOn);
        Assert.Single(membership.Roles);
        Assert.Equal(D("2002-05"), Assert.Single(membership.Hostings).DeliveredOn);
        Assert.Equal(Usd(15_000), Assert.Single(membership.Fees).Paid);
    }

    [Fact]
    public void Fold_ignores_unknown_events_and_events_before_the_application()
    {
        var membership = Given<Membership>(Active()).State;

        Assert.Same(membership, Aggregate.FoldStored(membership, new object()));
        Assert.Null(Membership.Fold(null, Accepted));
    }

    [Fact]
    public void The_fold_the_store_uses_starts_from_no_state_and_ignores_other_aggregates_events()
    {
        var membership = Aggregate.FoldStored<Membership>(null, Applied)!;

        Assert.Equal(MembershipStatus.Applied, membership.Status);
        Assert.Equal(MembershipStatus.Active, Aggregate.FoldStored(membership, Accepted)!.Status);
        Assert.Null(Aggregate.FoldStored<Membership>(null, Accepted));
        Assert.Same(membership, Aggregate.FoldStored(membership, new Diplomacy.Membership.Networks.NetworkRenamed("New", "N", D("2017"))));
    }
}
