using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.EventStore;
using static Diplomacy.Membership.Tests.Decisions.PartnerCityHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>Every command against every state a tie can be in, and how a tie's history folds.</summary>
public class PartnerCityTransitionTests
{
    private static readonly Dictionary<string, IPartnerCityEvent[]> States = new()
    {
        ["proposed sister"] = ProposedSister(),
        ["proposed friendship"] = ProposedFriendship(),
        ["active sister"] = ActiveSister(),
        ["active friendship"] = ActiveFriendship(),
        ["active friendship approved for upgrade"] = ActiveFriendship(UpgradeApproved),
        ["upgraded sister"] = ActiveFriendship(UpgradeApproved, new TieUpgradedToSister(D("2015-06"))),
        ["suspended"] = Suspended(),
        ["suspended friendship approved for upgrade"] = ActiveFriendship(UpgradeApproved, new TieSuspended(D("2016"), "row")),
        ["terminated"] = Terminated(),
        ["terminated friendship approved for upgrade"] = ActiveFriendship(UpgradeApproved, new TieTerminated(D("2016"), null)),
    };

    private static readonly Dictionary<string, Func<PartnerCity, IPartnerCityEvent[]>> Commands = new()
    {
        ["mou"] = tie => PartnerCityDecisions.Decide(tie, new SignMou(D("2020"))),
        ["council approval"] = tie => PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("2020"))),
        ["agreement"] = tie => PartnerCityDecisions.Decide(tie, new SignAgreement(D("2020"))),
        ["upgrade"] = tie => PartnerCityDecisions.Decide(tie, new UpgradeToSister(D("2020"))),
        ["suspension"] = tie => PartnerCityDecisions.Decide(tie, new SuspendTie(D("2020"), "row")),
        ["resumption"] = tie => PartnerCityDecisions.Decide(tie, new ResumeTie(D("2020"))),
        ["termination"] = tie => PartnerCityDecisions.Decide(tie, new TerminateTie(D("2020"))),
    };

    public static TheoryData<string, string> ForbiddenTransitions => new()
    {
        // MoU only before the agreement
        { "active sister", "mou" }, { "suspended", "mou" },
        // agreement only from proposed, and a sister tie only with council approval
        { "proposed sister", "agreement" }, { "active sister", "agreement" }, { "active friendship", "agreement" }, { "suspended", "agreement" },
        // council approval: nothing left to approve
        { "active sister", "council approval" }, { "upgraded sister", "council approval" }, { "suspended", "council approval" },
        { "active friendship approved for upgrade", "council approval" },
        // upgrade only an active friendship tie, with the council's approval
        { "proposed friendship", "upgrade" }, { "active sister", "upgrade" }, { "upgraded sister", "upgrade" },
        { "active friendship", "upgrade" }, { "suspended friendship approved for upgrade", "upgrade" },
        // suspend only active, resume only suspended
        { "proposed sister", "suspension" }, { "suspended", "suspension" },
        { "proposed sister", "resumption" }, { "active sister", "resumption" },
        // nothing at all after terminated
        { "terminated", "mou" }, { "terminated", "council approval" }, { "terminated", "agreement" }, { "terminated", "upgrade" },
        { "terminated", "suspension" }, { "terminated", "resumption" }, { "terminated", "termination" },
        { "terminated friendship approved for upgrade", "upgrade" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenTransitions))]
    public void A_command_the_state_does_not_allow_is_a_rule_violation(string state, string command) =>
        Given<PartnerCity>(States[state]).When(Commands[command]).ThenRejected();

    public static TheoryData<string, string> AllowedTransitions => new()
    {
        { "proposed sister", "mou" }, { "proposed friendship", "mou" },
        { "proposed sister", "council approval" }, { "proposed friendship", "council approval" }, { "active friendship", "council approval" },
        { "proposed friendship", "agreement" },
        { "active friendship approved for upgrade", "upgrade" },
        { "active sister", "suspension" }, { "upgraded sister", "suspension" },
        { "suspended", "resumption" },
        { "proposed sister", "termination" }, { "active friendship", "termination" }, { "suspended", "termination" },
    };

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void A_command_the_state_allows_yields_one_event(string state, string command)
    {
        var tie = Given<PartnerCity>(States[state]).State;

        var @event = Assert.Single(Commands[command](tie));

        Assert.Contains(@event.GetType(), PartnerCity.StoredEventNames.Keys);
        Assert.NotSame(tie, PartnerCity.Fold(tie, @event));
    }

    [Fact]
    public void Fold_ignores_unknown_events_and_events_before_the_proposal()
    {
        var tie = Given<PartnerCity>(ActiveSister()).State;

        Assert.Same(tie, Aggregate.FoldStored(tie, new object()));
        Assert.Null(PartnerCity.Fold(null, new AgreementSigned(D("1996"))));
    }

    [Fact]
    public void A_history_folds_with_the_ids_the_store_sets()
    {
        var id = Guid.NewGuid();

        var tie = Given<PartnerCity>(ActiveSister()).State with { Id = id, Version = 3 };

        Assert.Equal(id, tie.Id);
        Assert.Equal(3, tie.Version);
        Assert.Equal(PartnerCityStatus.Active, tie.Status);
    }

    [Fact]
    public void The_fold_the_store_uses_starts_from_no_state()
    {
        var tie = Aggregate.FoldStored<PartnerCity>(null, HanoiProposed)!;

        Assert.Equal(PartnerCityStatus.Proposed, tie.Status);
        Assert.Equal(D("1996-04"), Aggregate.FoldStored(tie, AgreementApproved)!.CouncilApprovedOn);
        Assert.Null(Aggregate.FoldStored<PartnerCity>(null, AgreementApproved));
    }
}
