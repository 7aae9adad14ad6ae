using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Membership.Tests.Decisions;

public class PartnerCityDecisionTests
{
    private static PartialDate D(string text) => PartialDate.Parse(text);

    private static readonly TieProposed HanoiProposed = new("Hanoi", CountryCode.Parse("VN"), Jurisdiction.City, TieType.Sister, D("1996"));
    private static readonly TieProposed HokkaidoProposed = new("Hokkaido", CountryCode.Parse("JP"), Jurisdiction.Prefecture, TieType.Friendship, D("2010"));
    private static readonly CouncilApprovalGranted AgreementApproved = new(D("1996-04"), CouncilApprovalPurpose.Agreement);
    private static readonly CouncilApprovalGranted UpgradeApproved = new(D("2015-03"), CouncilApprovalPurpose.UpgradeToSister);

    private static PartnerCity Given(params IPartnerCityEvent[] events) => Aggregate.Fold<PartnerCity>(events)!;
    private static PartnerCity ProposedSister(params IPartnerCityEvent[] later) => Given([HanoiProposed, .. later]);
    private static PartnerCity ActiveSister(params IPartnerCityEvent[] later) => ProposedSister([AgreementApproved, new AgreementSigned(D("1996-05")), .. later]);
    private static PartnerCity ProposedFriendship(params IPartnerCityEvent[] later) => Given([HokkaidoProposed, .. later]);
    private static PartnerCity ActiveFriendship(params IPartnerCityEvent[] later) => ProposedFriendship([new AgreementSigned(D("2010")), .. later]);
    private static PartnerCity Suspended() => ActiveSister(new TieSuspended(D("2000"), "diplomatic row"));
    private static PartnerCity Terminated() => ActiveSister(new TieTerminated(D("2018"), "revoked"));

    private static T Single<T>(object[] events) => Assert.IsType<T>(Assert.Single(events));

    // ---- propose

    [Fact]
    public void Proposing_a_tie_starts_it_as_proposed()
    {
        var proposed = Single<TieProposed>(PartnerCityDecisions.Decide(
            new ProposeTie(" Hanoi ", CountryCode.Parse("VN"), Jurisdiction.City, TieType.Sister, D("1996"))));

        Assert.Equal(HanoiProposed, proposed);
        var tie = Given(proposed);
        Assert.Equal(PartnerCityStatus.Proposed, tie.Status);
        Assert.Equal("Hanoi", tie.City);
        Assert.Equal("VN", tie.Country.Value);
        Assert.Equal(Jurisdiction.City, tie.Jurisdiction);
        Assert.Equal(TieType.Sister, tie.Tie);
        Assert.Equal(D("1996"), tie.ProposedOn);
        Assert.Null(tie.AgreementSignedOn);
        Assert.Null(tie.CouncilApprovedOn);
    }

    [Fact]
    public void An_invalid_proposal_names_the_wrong_field()
    {
        var valid = new ProposeTie("New South Wales", CountryCode.Parse("AU"), Jurisdiction.State, TieType.Sister, D("1991"));

        Assert.Empty(valid.Validate());
        Assert.Equal("city", Assert.Single((valid with { City = " " }).Validate()).Field);
        Assert.Equal("country", Assert.Single((valid with { Country = default }).Validate()).Field);
        Assert.Equal("jurisdiction", Assert.Single((valid with { Jurisdiction = 0 }).Validate()).Field);
        Assert.Equal("tie", Assert.Single((valid with { Tie = (TieType)7 }).Validate()).Field);
    }

    // ---- the example flow of the issue

    [Fact]
    public void A_sister_tie_with_council_approval_becomes_active_when_its_agreement_is_signed()
    {
        var tie = Given(PartnerCityDecisions.Decide(
            new ProposeTie("Hanoi", CountryCode.Parse("VN"), Jurisdiction.City, TieType.Sister, D("1996"))));
        Assert.Equal(PartnerCityStatus.Proposed, tie.Status);

        var approved = Single<CouncilApprovalGranted>(PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("1996-04"))));
        Assert.Equal(AgreementApproved, approved);
        tie = PartnerCity.Fold(tie, approved)!;
        Assert.Equal(D("1996-04"), tie.CouncilApprovedOn);

        var signed = Single<AgreementSigned>(PartnerCityDecisions.Decide(tie, new SignAgreement(D("1996-05"))));
        Assert.Equal(new AgreementSigned(D("1996-05")), signed);
        tie = PartnerCity.Fold(tie, signed)!;
        Assert.Equal(PartnerCityStatus.Active, tie.Status);
        Assert.Equal(D("1996-05"), tie.AgreementSignedOn);
    }

    // ---- council approval

    [Fact]
    public void Council_approval_of_a_proposed_tie_approves_its_agreement()
    {
        Assert.Equal(new CouncilApprovalGranted(D("2009"), CouncilApprovalPurpose.Agreement),
            Single<CouncilApprovalGranted>(PartnerCityDecisions.Decide(ProposedFriendship(), new GrantCouncilApproval(D("2009")))));
    }

    [Fact]
    public void Council_approval_is_not_granted_twice_for_the_agreement()
    {
        Assert.Throws<RuleViolation>(() => PartnerCityDecisions.Decide(ProposedSister(AgreementApproved), new GrantCouncilApproval(D("1996-05"))));
    }

    [Fact]
    public void Council_approval_of_an_active_friendship_tie_prepares_its_upgrade()
    {
        var tie = ActiveFriendship();

        var approved = Single<CouncilApprovalGranted>(PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("2015-03"))));

        Assert.Equal(UpgradeApproved, approved);
        var after = PartnerCity.Fold(tie, approved)!;
        Assert.Equal(D("2015-03"), after.UpgradeApprovedOn);
        Assert.Null(after.CouncilApprovedOn);
        Assert.Equal(TieType.Friendship, after.Tie);
    }

    [Fact]
    public void A_friendship_tie_approved_when_proposed_can_be_approved_again_for_its_upgrade()
    {
        var tie = ProposedFriendship(new CouncilApprovalGranted(D("2009"), CouncilApprovalPurpose.Agreement), new AgreementSigned(D("2010")));

        Assert.Equal(UpgradeApproved, Single<CouncilApprovalGranted>(PartnerCityDecisions.Decide(tie, new GrantCouncilApproval(D("2015-03")))));
    }

    [Fact]
    public void Council_approval_is_not_granted_twice_for_the_upgrade()
    {
        Assert.Throws<RuleViolation>(() => PartnerCityDecisions.Decide(ActiveFriendship(UpgradeApproved), new GrantCouncilApproval(D("2016"))));
    }

    // ---- upgrade

    [Fact]
    public void An_active_friendship_tie_approved_by_the_council_is_upgraded_to_a_sister_tie()
    {
        var tie = ActiveFriendship(UpgradeApproved);

        var upgraded = Single<TieUpgradedToSister>(PartnerCityDecisions.Decide(tie, new UpgradeToSister(D("2015-06"))));

        Assert.Equal(new TieUpgradedToSister(D("2015-06")), upgraded);
        var after = PartnerCity.Fold(tie, upgraded)!;
        Assert.Equal(TieType.Sister, after.Tie);
        Assert.Equal(D("2015-06"), after.UpgradedOn);
        Assert.Equal(PartnerCityStatus.Active, after.Status);
    }

    [Fact]
    public void An_upgrade_needs_the_councils_approval_of_the_upgrade()
    {
        Assert.Throws<RuleViolation>(() => PartnerCityDecisions.Decide(ActiveFriendship(), new UpgradeToSister(D("2015"))));

        var approvedOnlyAsFriendship = ProposedFriendship(new CouncilApprovalGranted(D("2009"), CouncilApprovalPurpose.Agreement), new AgreementSigned(D("2010")));
        Assert.Throws<RuleViolation>(() => PartnerCityDecisions.Decide(approvedOnlyAsFriendship, new UpgradeToSister(D("2015"))));
    }

    [Fact]
    public void An_upgrade_cannot_be_dated_before_the_council_approved_it()
    {
        Assert.Throws<RuleViolation>(() => PartnerCityDecisions.Decide(ActiveFriendship(UpgradeApproved), new UpgradeToSister(D("2015-02"))));
    }

    // ---- suspend, resume, terminate

    [Fact]
    public void An_active_tie_can_be_suspended_with_a_reason()
    {
        var suspended = Single<TieSuspended>(PartnerCityDecisions.Decide(ActiveSister(), new SuspendTie(D("2000"), " diplomatic row ")));

        Assert.Equal(new TieSuspended(D("2000"), "diplomatic row"), suspended);
        var tie = ActiveSister(suspended);
        Assert.Equal(PartnerCityStatus.Suspended, tie.Status);
        Assert.Equal(D("2000"), tie.SuspendedOn);
        Assert.Equal("diplomatic row", tie.SuspensionReason);
    }

    [Fact]
    public void A_suspended_tie_can_be_resumed()
    {
        var resumed = Single<TieResumed>(PartnerCityDecisions.Decide(Suspended(), new ResumeTie(D("2002"))));

        Assert.Equal(new TieResumed(D("2002")), resumed);
        var tie = PartnerCity.Fold(Suspended(), resumed)!;
        Assert.Equal(PartnerCityStatus.Active, tie.Status);
        Assert.Equal(D("2002"), tie.ResumedOn);
        Assert.Null(tie.SuspendedOn);
        Assert.Null(tie.SuspensionReason);
    }

    [Theory]
    [InlineData(PartnerCityStatus.Proposed)]
    [InlineData(PartnerCityStatus.Active)]
    [InlineData(PartnerCityStatus.Suspended)]
    public void A_tie_can_be_terminated_unless_it_already_was(PartnerCityStatus status)
    {
        var terminated = Single<TieTerminated>(PartnerCityDecisions.Decide(InStatus(status),
            new TerminateTie(D("2018"), " San Francisco revoked its tie with Osaka ")));

        Assert.Equal(new TieTerminated(D("2018"), "San Francisco revoked its tie with Osaka"), terminated);
        var tie = PartnerCity.Fold(InStatus(status), terminated)!;
        Assert.Equal(PartnerCityStatus.Terminated, tie.Status);
        Assert.Equal(D("2018"), tie.TerminatedOn);
        Assert.Equal("San Francisco revoked its tie with Osaka", tie.TerminationReason);
    }

    [Fact]
    public void A_termination_without_a_reason_has_none()
    {
        Assert.Equal(new TieTerminated(D("2018"), null),
            Single<TieTerminated>(PartnerCityDecisions.Decide(ActiveSister(), new TerminateTie(D("2018"), ""))));
    }

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

    // ---- every forbidden transition

    private static readonly Dictionary<string, Func<PartnerCity>> States = new()
    {
        ["proposed sister"] = () => ProposedSister(),
        ["proposed friendship"] = () => ProposedFriendship(),
        ["active sister"] = () => ActiveSister(),
        ["active friendship"] = () => ActiveFriendship(),
        ["active friendship approved for upgrade"] = () => ActiveFriendship(UpgradeApproved),
        ["upgraded sister"] = () => ActiveFriendship(UpgradeApproved, new TieUpgradedToSister(D("2015-06"))),
        ["suspended"] = Suspended,
        ["suspended friendship approved for upgrade"] = () => ActiveFriendship(UpgradeApproved, new TieSuspended(D("2016"), "row")),
        ["terminated"] = Terminated,
        ["terminated friendship approved for upgrade"] = () => ActiveFriendship(UpgradeApproved, new TieTerminated(D("2016"), null)),
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
    public void A_command_the_state_does_not_allow_is_a_rule_violation(string state, string command)
    {
        var tie = States[state]();

        Assert.Throws<RuleViolation>(() => Commands[command](tie));
    }

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
        var tie = States[state]();

        var @event = Assert.Single(Commands[command](tie));

        Assert.Contains(@event.GetType(), PartnerCity.StoredEventNames.Keys);
        Assert.NotSame(tie, PartnerCity.Fold(tie, @event));
    }

    [Fact]
    public void Fold_ignores_unknown_events_and_events_before_the_proposal()
    {
        var tie = ActiveSister();

        Assert.Same(tie, Aggregate.FoldStored(tie, new object()));
        Assert.Null(PartnerCity.Fold(null, new AgreementSigned(D("1996"))));
    }

    [Fact]
    public void A_history_folds_with_the_ids_the_store_sets()
    {
        var id = Guid.NewGuid();

        var tie = ActiveSister() with { Id = id, Version = 3 };

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

    private static PartnerCity InStatus(PartnerCityStatus status) => status switch
    {
        PartnerCityStatus.Proposed => ProposedSister(),
        PartnerCityStatus.Active => ActiveSister(),
        PartnerCityStatus.Suspended => Suspended(),
        PartnerCityStatus.Terminated => Terminated(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
