namespace Diplomacy.Membership.Tests.Decisions;

// Inside the namespace: from Diplomacy.Membership.Tests, a bare "Membership" would otherwise bind to the
// namespace Diplomacy.Membership before the usings of the file are looked at.
using Diplomacy.Membership.Memberships;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

public class MembershipDecisionTests
{
    private static readonly Guid MetropolisId = Guid.Parse("6f1c2a5e-6a44-4c51-9d8e-0b8f2f3c1a01");

    private static PartialDate D(string text) => PartialDate.Parse(text);
    private static Money Usd(decimal amount) => new(amount, CurrencyCode.Parse("USD"));
    private static Money Eur(decimal amount) => new(amount, CurrencyCode.Parse("EUR"));

    private static readonly MembershipApplied Applied = new(MetropolisId, "Metropolis", D("1987-03"));
    private static readonly MembershipAccepted Accepted = new(D("1987-06"));

    private static Membership Given(params IMembershipEvent[] events) => Aggregate.Fold<Membership>(events)!;
    private static Membership Application() => Given(Applied);
    private static Membership Active(params IMembershipEvent[] later) => Given([Applied, Accepted, .. later]);
    private static Membership Lapsed() => Active(new MembershipLapsed(D("1999")));
    private static Membership Withdrawn() => Active(new MembershipWithdrawn(D("2001"), null));
    private static Membership WithdrawnApplication() => Given(Applied, new MembershipWithdrawn(D("1987-04"), null));

    private static readonly RoleElected CoPresident = new(Role.CoPresident, D("2024"), D("2026"), null);
    private static readonly HostingCommitted Congress = new(HostingKind.Congress, "7th World Congress", D("2002-05"));

    private static T Single<T>(object[] events) => Assert.IsType<T>(Assert.Single(events));

    // ---- apply and accept

    [Fact]
    public void Applying_starts_the_membership_with_the_network_and_its_acronym()
    {
        var applied = Single<MembershipApplied>(
            MembershipDecisions.Decide(new ApplyForMembership(MetropolisId, D("1987-03")), "Metropolis"));

        Assert.Equal(new MembershipApplied(MetropolisId, "Metropolis", D("1987-03")), applied);

        var membership = Given(applied);
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
        var accepted = Single<MembershipAccepted>(MembershipDecisions.Decide(Application(), new AcceptMembership(D("1987-06"))));

        Assert.Equal(new MembershipAccepted(D("1987-06")), accepted);
        var membership = Given(Applied, accepted);
        Assert.Equal(MembershipStatus.Active, membership.Status);
        Assert.Equal(D("1987-06"), membership.AcceptedOn);
    }

    [Fact]
    public void An_application_cannot_be_accepted_before_it_was_made()
    {
        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(Application(), new AcceptMembership(D("1987-02"))));
        Assert.Single(MembershipDecisions.Decide(Application(), new AcceptMembership(D("1987"))));
    }

    // ---- roles

    [Fact]
    public void Electing_a_role_records_its_term_and_note()
    {
        var elected = Single<RoleElected>(MembershipDecisions.Decide(Active(),
            new ElectRole(Role.VicePresident, D("2011"), Note: " Asia-Pacific regional vice-president ")));

        Assert.Equal(new RoleElected(Role.VicePresident, D("2011"), null, "Asia-Pacific regional vice-president"), elected);
        Assert.Equal(
            [new RoleTerm(Role.VicePresident, D("2011"), null, false, "Asia-Pacific regional vice-president")],
            Active(elected).Roles);
    }

    [Fact]
    public void Electing_a_role_keeps_the_planned_term_end_and_drops_a_blank_note()
    {
        var elected = Single<RoleElected>(MembershipDecisions.Decide(Active(),
            new ElectRole(Role.CoPresident, D("2024"), D("2026"), "  ")));

        Assert.Equal(new RoleElected(Role.CoPresident, D("2024"), D("2026"), null), elected);
    }

    [Fact]
    public void The_same_role_term_cannot_be_elected_twice_but_a_later_term_can()
    {
        var membership = Active(CoPresident);

        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(membership, new ElectRole(Role.CoPresident, D("2024"))));
        Assert.Single(MembershipDecisions.Decide(membership, new ElectRole(Role.CoPresident, D("2026"))));
        Assert.Single(MembershipDecisions.Decide(membership, new ElectRole(Role.Board, D("2024"))));
    }

    [Fact]
    public void Ending_a_role_term_marks_it_ended_on_that_date()
    {
        var ended = Single<RoleTermEnded>(MembershipDecisions.Decide(Active(CoPresident),
            new EndRoleTerm(Role.CoPresident, D("2024"), D("2026-06"))));

        Assert.Equal(new RoleTermEnded(Role.CoPresident, D("2024"), D("2026-06")), ended);
        Assert.Equal([new RoleTerm(Role.CoPresident, D("2024"), D("2026-06"), true, null)], Active(CoPresident, ended).Roles);
    }

    [Fact]
    public void Ending_one_term_leaves_the_other_terms_open()
    {
        var board = new RoleElected(Role.Board, D("2011"), null, null);
        var membership = Active(board, CoPresident, new RoleTermEnded(Role.CoPresident, D("2024"), D("2026")));

        Assert.Equal(
            [new RoleTerm(Role.Board, D("2011"), null, false, null), new RoleTerm(Role.CoPresident, D("2024"), D("2026"), true, null)],
            membership.Roles);
    }

    [Theory]
    [InlineData(Role.CoPresident, "2023")]
    [InlineData(Role.CoPresident, "2024-01")]
    [InlineData(Role.President, "2024")]
    public void An_unknown_role_term_cannot_end(Role role, string termStart)
    {
        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(Active(CoPresident), new EndRoleTerm(role, D(termStart), D("2026"))));
    }

    [Fact]
    public void A_role_term_cannot_end_twice()
    {
        var membership = Active(CoPresident, new RoleTermEnded(Role.CoPresident, D("2024"), D("2026")));

        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(membership, new EndRoleTerm(Role.CoPresident, D("2024"), D("2026"))));
    }

    [Theory]
    [InlineData("2023", true)]
    [InlineData("2023-12-31", true)]
    [InlineData("2024", false)]
    [InlineData("2024-01", false)]
    public void A_role_term_cannot_end_before_it_starts(string endedOn, bool violates)
    {
        object[] Decide() => MembershipDecisions.Decide(Active(CoPresident), new EndRoleTerm(Role.CoPresident, D("2024"), D(endedOn)));

        if (violates) Assert.Throws<RuleViolation>(Decide);
        else Assert.Single(Decide());
    }

    [Fact]
    public void A_role_term_can_still_be_ended_after_the_membership_lapsed()
    {
        var membership = Active(CoPresident, new MembershipLapsed(D("2025")));

        Assert.Single(MembershipDecisions.Decide(membership, new EndRoleTerm(Role.CoPresident, D("2024"), D("2025"))));
    }

    [Fact]
    public void An_invalid_election_names_the_wrong_field()
    {
        Assert.Equal("role", Assert.Single(new ElectRole((Role)0, D("2024")).Validate()).Field);
        Assert.Equal("role", Assert.Single(new ElectRole((Role)99, D("2024")).Validate()).Field);
        Assert.Equal("termEnd", Assert.Single(new ElectRole(Role.President, D("2024"), D("2023")).Validate()).Field);
        Assert.Equal("note", Assert.Single(new ElectRole(Role.President, D("2024"), Note: new string('x', 501)).Validate()).Field);
        Assert.Empty(new ElectRole(Role.President, D("2024"), D("2024"), "Chair").Validate());
        Assert.Equal("role", Assert.Single(new EndRoleTerm((Role)0, D("2024"), D("2025")).Validate()).Field);
        Assert.Empty(new EndRoleTerm(Role.SecretariatHost, D("2024"), D("2025")).Validate());
    }

    // ---- hosting

    [Fact]
    public void Committing_to_host_records_the_hosting()
    {
        var committed = Single<HostingCommitted>(MembershipDecisions.Decide(Active(),
            new CommitHosting(HostingKind.GeneralAssembly, " 40th-anniversary General Assembly ", D("2025-09-29"))));

        Assert.Equal(new HostingCommitted(HostingKind.GeneralAssembly, "40th-anniversary General Assembly", D("2025-09-29")), committed);
        Assert.Equal(
            [new Hosting(HostingKind.GeneralAssembly, "40th-anniversary General Assembly", D("2025-09-29"), null)],
            Active(committed).Hostings);
    }

    [Fact]
    public void Two_hostings_cannot_share_a_title()
    {
        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(Active(Congress),
            new CommitHosting(HostingKind.Summit, "7TH WORLD CONGRESS ", D("2003"))));
    }

    [Fact]
    public void Delivering_a_hosting_found_by_its_title_records_the_date_under_the_committed_title()
    {
        var delivered = Single<HostingDelivered>(MembershipDecisions.Decide(Active(Congress),
            new DeliverHosting(" 7th world congress", D("2002-05-21"))));

        Assert.Equal(new HostingDelivered("7th World Congress", D("2002-05-21")), delivered);
        Assert.Equal([new Hosting(HostingKind.Congress, "7th World Congress", D("2002-05"), D("2002-05-21"))], Active(Congress, delivered).Hostings);
    }

    [Fact]
    public void A_hosting_that_was_not_committed_cannot_be_delivered()
    {
        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(Active(Congress), new DeliverHosting("8th World Congress", D("2005"))));
    }

    [Fact]
    public void A_hosting_cannot_be_delivered_twice()
    {
        var membership = Active(Congress, new HostingDelivered("7th World Congress", D("2002-05")));

        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(membership, new DeliverHosting("7th World Congress", D("2002-06"))));
    }

    [Fact]
    public void An_invalid_hosting_names_the_wrong_field()
    {
        Assert.Equal("kind", Assert.Single(new CommitHosting((HostingKind)0, "Summit", D("2009")).Validate()).Field);
        Assert.Equal("title", Assert.Single(new CommitHosting(HostingKind.Summit, " ", D("2009")).Validate()).Field);
        Assert.Empty(new CommitHosting(HostingKind.RegionalOffice, "East Asia Secretariat", D("2012-10-19")).Validate());
        Assert.Equal("title", Assert.Single(new DeliverHosting("", D("2009")).Validate()).Field);
        Assert.Empty(new DeliverHosting("3rd C40 Summit", D("2009-05-18")).Validate());
    }

    // ---- roles and hosting need an active membership

    public static TheoryData<string, string> InactiveMemberships => new()
    {
        { "applied", "elect" }, { "applied", "commit" }, { "applied", "deliver" },
        { "lapsed", "elect" }, { "lapsed", "commit" }, { "lapsed", "deliver" },
        { "withdrawn", "elect" }, { "withdrawn", "commit" }, { "withdrawn", "deliver" },
    };

    [Theory]
    [MemberData(nameof(InactiveMemberships))]
    public void No_role_or_hosting_on_a_membership_that_is_not_active(string status, string action)
    {
        IMembershipEvent[] history = status switch
        {
            "applied" => [Applied],
            "lapsed" => [Applied, Accepted, Congress, new MembershipLapsed(D("2003"))],
            _ => [Applied, Accepted, Congress, new MembershipWithdrawn(D("2003"), null)],
        };
        var membership = Given(history);
        // An application never has hostings; give it one so that only its status can refuse the delivery.
        if (status == "applied") membership = membership with { Hostings = [new Hosting(HostingKind.Congress, "7th World Congress", D("2002-05"), null)] };

        Assert.Throws<RuleViolation>(() => action switch
        {
            "elect" => MembershipDecisions.Decide(membership, new ElectRole(Role.Board, D("2004"))),
            "commit" => MembershipDecisions.Decide(membership, new CommitHosting(HostingKind.Summit, "Summit", D("2004"))),
            _ => MembershipDecisions.Decide(membership, new DeliverHosting("7th World Congress", D("2004"))),
        });
    }

    // ---- fees

    [Fact]
    public void Assessing_a_fee_records_it_unpaid()
    {
        var assessed = Single<FeeAssessed>(MembershipDecisions.Decide(Active(), new AssessFee(2024, Usd(15_000))));

        Assert.Equal(new FeeAssessed(2024, Usd(15_000)), assessed);
        Assert.Equal([new AnnualFee(2024, Usd(15_000), null, null)], Active(assessed).Fees);
    }

    [Fact]
    public void A_fee_cannot_be_assessed_twice_for_one_year()
    {
        var membership = Active(new FeeAssessed(2024, Usd(15_000)));

        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(membership, new AssessFee(2024, Usd(16_000))));
        Assert.Single(MembershipDecisions.Decide(membership, new AssessFee(2025, Usd(16_000))));
    }

    [Fact]
    public void Paying_a_fee_records_what_was_paid_and_when()
    {
        var membership = Active(new FeeAssessed(2023, Usd(14_000)), new FeeAssessed(2024, Usd(15_000)));

        var paid = Single<FeePaid>(MembershipDecisions.Decide(membership, new PayFee(2024, D("2024-03-15"), Usd(15_000))));

        Assert.Equal(new FeePaid(2024, D("2024-03-15"), Usd(15_000)), paid);
        Assert.Equal(
            [new AnnualFee(2023, Usd(14_000), null, null), new AnnualFee(2024, Usd(15_000), Usd(15_000), D("2024-03-15"))],
            Membership.Fold(membership, paid)!.Fees);
    }

    [Fact]
    public void A_fee_cannot_be_paid_before_it_is_assessed()
    {
        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(Active(new FeeAssessed(2023, Usd(1))), new PayFee(2024, D("2024"), Usd(1))));
    }

    [Fact]
    public void A_fee_cannot_be_paid_twice()
    {
        var membership = Active(new FeeAssessed(2024, Usd(15_000)), new FeePaid(2024, D("2024-03"), Usd(15_000)));

        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(membership, new PayFee(2024, D("2024-04"), Usd(15_000))));
    }

    [Fact]
    public void A_fee_cannot_be_paid_in_another_currency_than_assessed()
    {
        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(Active(new FeeAssessed(2024, Usd(15_000))),
            new PayFee(2024, D("2024-03"), Eur(14_000))));
    }

    [Fact]
    public void Fees_can_be_assessed_and_paid_on_a_lapsed_membership()
    {
        var membership = Active(new FeeAssessed(2024, Usd(15_000)), new MembershipLapsed(D("2025")));

        Assert.Single(MembershipDecisions.Decide(membership, new AssessFee(2025, Usd(15_000))));
        Assert.Single(MembershipDecisions.Decide(membership, new PayFee(2024, D("2025-02"), Usd(15_000))));
    }

    [Fact]
    public void An_invalid_fee_names_the_wrong_field()
    {
        Assert.Equal("fee.amount", Assert.Single(new AssessFee(2024, Usd(-1)).Validate()).Field);
        Assert.Equal("fee.currency", Assert.Single(new AssessFee(2024, new Money(1, default)).Validate()).Field);
        Assert.Equal("year", Assert.Single(new AssessFee(1799, Usd(1)).Validate()).Field);
        Assert.Equal("year", Assert.Single(new AssessFee(2101, Usd(1)).Validate()).Field);
        Assert.Empty(new AssessFee(2024, Usd(0)).Validate());
        Assert.Equal("paid.amount", Assert.Single(new PayFee(2024, D("2024"), Usd(0)).Validate()).Field);
        Assert.Equal("paid.amount", Assert.Single(new PayFee(2024, D("2024"), Usd(-5)).Validate()).Field);
        Assert.Equal("paid.currency", Assert.Single(new PayFee(2024, D("2024"), new Money(1, default)).Validate()).Field);
        Assert.Equal("year", Assert.Single(new PayFee(0, D("2024"), Usd(1)).Validate()).Field);
        Assert.Empty(new PayFee(2024, D("2024"), Usd(15_000)).Validate());
    }

    // ---- lapse, withdraw, reinstate

    [Fact]
    public void An_active_membership_can_lapse()
    {
        var lapsed = Single<MembershipLapsed>(MembershipDecisions.Decide(Active(), new LapseMembership(D("1999"))));

        Assert.Equal(new MembershipLapsed(D("1999")), lapsed);
        var membership = Active(lapsed);
        Assert.Equal(MembershipStatus.Lapsed, membership.Status);
        Assert.Equal(D("1999"), membership.LapsedOn);
    }

    [Theory]
    [InlineData(MembershipStatus.Applied)]
    [InlineData(MembershipStatus.Active)]
    [InlineData(MembershipStatus.Lapsed)]
    public void A_membership_can_be_withdrawn_while_applied_active_or_lapsed(MembershipStatus status)
    {
        var withdrawn = Single<MembershipWithdrawn>(MembershipDecisions.Decide(InStatus(status),
            new WithdrawMembership(D("2001"), " budget cuts ")));

        Assert.Equal(new MembershipWithdrawn(D("2001"), "budget cuts"), withdrawn);
        var membership = Membership.Fold(InStatus(status), withdrawn)!;
        Assert.Equal(MembershipStatus.Withdrawn, membership.Status);
        Assert.Equal(D("2001"), membership.WithdrawnOn);
        Assert.Equal("budget cuts", membership.WithdrawalReason);
    }

    [Fact]
    public void A_blank_withdrawal_reason_is_no_reason()
    {
        Assert.Equal(new MembershipWithdrawn(D("2001"), null),
            Single<MembershipWithdrawn>(MembershipDecisions.Decide(Active(), new WithdrawMembership(D("2001"), " "))));
    }

    [Theory]
    [InlineData(MembershipStatus.Lapsed)]
    [InlineData(MembershipStatus.Withdrawn)]
    public void A_lapsed_or_withdrawn_membership_can_be_reinstated(MembershipStatus status)
    {
        var reinstated = Single<MembershipReinstated>(MembershipDecisions.Decide(InStatus(status), new ReinstateMembership(D("2005"))));

        Assert.Equal(new MembershipReinstated(D("2005")), reinstated);
        var membership = Membership.Fold(InStatus(status), reinstated)!;
        Assert.Equal(MembershipStatus.Active, membership.Status);
        Assert.Equal(D("2005"), membership.ReinstatedOn);
        Assert.Single(MembershipDecisions.Decide(membership, new ElectRole(Role.Board, D("2005"))));
    }

    [Fact]
    public void A_withdrawn_application_cannot_be_reinstated()
    {
        Assert.Throws<RuleViolation>(() => MembershipDecisions.Decide(WithdrawnApplication(), new ReinstateMembership(D("1990"))));
    }

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
    public void A_status_change_the_current_status_does_not_allow_is_a_rule_violation(string action, MembershipStatus status)
    {
        var membership = InStatus(status);

        Assert.Throws<RuleViolation>(() => action switch
        {
            "accept" => MembershipDecisions.Decide(membership, new AcceptMembership(D("2010"))),
            "lapse" => MembershipDecisions.Decide(membership, new LapseMembership(D("2010"))),
            "withdraw" => MembershipDecisions.Decide(membership, new WithdrawMembership(D("2010"))),
            _ => MembershipDecisions.Decide(membership, new ReinstateMembership(D("2010"))),
        });
    }

    [Fact]
    public void A_withdrawal_reason_is_at_most_500_characters()
    {
        Assert.Equal("reason", Assert.Single(new WithdrawMembership(D("2001"), new string('x', 501)).Validate()).Field);
        Assert.Empty(new WithdrawMembership(D("2001")).Validate());
        Assert.Empty(new AcceptMembership(D("2001")).Validate());
        Assert.Empty(new LapseMembership(D("2001")).Validate());
        Assert.Empty(new ReinstateMembership(D("2001")).Validate());
    }

    // ---- the whole history

    [Fact]
    public void A_history_folds_into_the_membership_it_describes()
    {
        var membership = Given(
            Applied,
            Accepted,
            new RoleElected(Role.VicePresident, D("2011"), null, "Asia-Pacific regional vice-president"),
            Congress,
            new HostingDelivered("7th World Congress", D("2002-05")),
            new FeeAssessed(2024, Usd(15_000)),
            new FeePaid(2024, D("2024-02"), Usd(15_000)),
            new MembershipLapsed(D("2025-01")),
            new MembershipReinstated(D("2025-03"))) with { Id = MetropolisId, Version = 9 };

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
        var membership = Active();

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

    private static Membership InStatus(MembershipStatus status) => status switch
    {
        MembershipStatus.Applied => Application(),
        MembershipStatus.Active => Active(),
        MembershipStatus.Lapsed => Lapsed(),
        MembershipStatus.Withdrawn => Withdrawn(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
