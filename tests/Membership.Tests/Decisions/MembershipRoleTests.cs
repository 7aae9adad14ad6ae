namespace Diplomacy.Membership.Tests.Decisions;

using Diplomacy.Membership.Memberships;
using static Diplomacy.Membership.Tests.Decisions.MembershipHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Electing a role and ending a role term.</summary>
public class MembershipRoleTests
{
    // ---- elect

    [Fact]
    public void Electing_a_role_records_its_term_and_note()
    {
        var membership = Given<Membership>(Active())
            .When(state => MembershipDecisions.Decide(state,
                new ElectRole(Role.VicePresident, D("2011"), Note: " Asia-Pacific regional vice-president ")))
            .Then(new RoleElected(Role.VicePresident, D("2011"), null, "Asia-Pacific regional vice-president"));

        Assert.Equal(
            [new RoleTerm(Role.VicePresident, D("2011"), null, false, "Asia-Pacific regional vice-president")],
            membership.Roles);
    }

    [Fact]
    public void Electing_a_role_keeps_the_planned_term_end_and_drops_a_blank_note() =>
        Given<Membership>(Active())
            .When(state => MembershipDecisions.Decide(state, new ElectRole(Role.CoPresident, D("2024"), D("2026"), "  ")))
            .Then(new RoleElected(Role.CoPresident, D("2024"), D("2026"), null));

    [Fact]
    public void The_same_role_term_cannot_be_elected_twice_but_a_later_term_can()
    {
        var given = Given<Membership>(Active(CoPresident));

        given.When(state => MembershipDecisions.Decide(state, new ElectRole(Role.CoPresident, D("2024"))))
            .ThenRejected("already recorded");
        given.When(state => MembershipDecisions.Decide(state, new ElectRole(Role.CoPresident, D("2026"))))
            .Then(new RoleElected(Role.CoPresident, D("2026"), null, null));
        given.When(state => MembershipDecisions.Decide(state, new ElectRole(Role.Board, D("2024"))))
            .Then(new RoleElected(Role.Board, D("2024"), null, null));
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

    // ---- end a term

    [Fact]
    public void Ending_a_role_term_marks_it_ended_on_that_date()
    {
        var membership = Given<Membership>(Active(CoPresident))
            .When(state => MembershipDecisions.Decide(state, new EndRoleTerm(Role.CoPresident, D("2024"), D("2026-06"))))
            .Then(new RoleTermEnded(Role.CoPresident, D("2024"), D("2026-06")));

        Assert.Equal([new RoleTerm(Role.CoPresident, D("2024"), D("2026-06"), true, null)], membership.Roles);
    }

    [Fact]
    public void Ending_one_term_leaves_the_other_terms_open()
    {
        var board = new RoleElected(Role.Board, D("2011"), null, null);
        var membership = Given<Membership>(Active(board, CoPresident, new RoleTermEnded(Role.CoPresident, D("2024"), D("2026")))).State;

        Assert.Equal(
            [new RoleTerm(Role.Board, D("2011"), null, false, null), new RoleTerm(Role.CoPresident, D("2024"), D("2026"), true, null)],
            membership.Roles);
    }

    [Theory]
    [InlineData(Role.CoPresident, "2023")]
    [InlineData(Role.CoPresident, "2024-01")]
    [InlineData(Role.President, "2024")]
    public void An_unknown_role_term_cannot_end(Role role, string termStart) =>
        Given<Membership>(Active(CoPresident))
            .When(state => MembershipDecisions.Decide(state, new EndRoleTerm(role, D(termStart), D("2026"))))
            .ThenRejected("no term");

    [Fact]
    public void A_role_term_cannot_end_twice() =>
        Given<Membership>(Active(CoPresident, new RoleTermEnded(Role.CoPresident, D("2024"), D("2026"))))
            .When(state => MembershipDecisions.Decide(state, new EndRoleTerm(Role.CoPresident, D("2024"), D("2026"))))
            .ThenRejected("already ended");

    [Theory]
    [InlineData("2023", true)]
    [InlineData("2023-12-31", true)]
    [InlineData("2024", false)]
    [InlineData("2024-01", false)]
    public void A_role_term_cannot_end_before_it_starts(string endedOn, bool violates)
    {
        var decided = Given<Membership>(Active(CoPresident))
            .When(state => MembershipDecisions.Decide(state, new EndRoleTerm(Role.CoPresident, D("2024"), D(endedOn))));

        if (violates) decided.ThenRejected("before it starts");
        else decided.Then(new RoleTermEnded(Role.CoPresident, D("2024"), D(endedOn)));
    }

    [Fact]
    public void A_role_term_can_still_be_ended_after_the_membership_lapsed() =>
        Given<Membership>(Active(CoPresident, new MembershipLapsed(D("2025"))))
            .When(state => MembershipDecisions.Decide(state, new EndRoleTerm(Role.CoPresident, D("2024"), D("2025"))))
            .Then(new RoleTermEnded(Role.CoPresident, D("2024"), D("2025")));
}
