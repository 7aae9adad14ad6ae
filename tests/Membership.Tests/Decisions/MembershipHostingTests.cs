namespace Diplomacy.Membership.Tests.Decisions;

using Diplomacy.Membership.Memberships;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.Membership.Tests.Decisions.MembershipHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Committing to host and delivering a hosting; roles and hostings need an active membership.</summary>
public class MembershipHostingTests
{
    [Fact]
    public void Committing_to_host_records_the_hosting()
    {
        var membership = Given<Membership>(Active())
            .When(state => MembershipDecisions.Decide(state,
                new CommitHosting(HostingKind.GeneralAssembly, " 40th-anniversary General Assembly ", D("2025-09-29"))))
            .Then(new HostingCommitted(HostingKind.GeneralAssembly, "40th-anniversary General Assembly", D("2025-09-29")));

        Assert.Equal(
            [new Hosting(HostingKind.GeneralAssembly, "40th-anniversary General Assembly", D("2025-09-29"), null)],
            membership.Hostings);
    }

    [Fact]
    public void Two_hostings_cannot_share_a_title() =>
        Given<Membership>(Active(Congress))
            .When(state => MembershipDecisions.Decide(state, new CommitHosting(HostingKind.Summit, "7TH WORLD CONGRESS ", D("2003"))))
            .ThenRejected("already committed");

    [Fact]
    public void Delivering_a_hosting_found_by_its_title_records_the_date_under_the_committed_title()
    {
        var membership = Given<Membership>(Active(Congress))
            .When(state => MembershipDecisions.Decide(state, new DeliverHosting(" 7th world congress", D("2002-05-21"))))
            .Then(new HostingDelivered("7th World Congress", D("2002-05-21")));

        Assert.Equal([new Hosting(HostingKind.Congress, "7th World Congress", D("2002-05"), D("2002-05-21"))], membership.Hostings);
    }

    [Fact]
    public void A_hosting_that_was_not_committed_cannot_be_delivered() =>
        Given<Membership>(Active(Congress))
            .When(state => MembershipDecisions.Decide(state, new DeliverHosting("8th World Congress", D("2005"))))
            .ThenRejected("no hosting");

    [Fact]
    public void A_hosting_cannot_be_delivered_twice() =>
        Given<Membership>(Active(Congress, new HostingDelivered("7th World Congress", D("2002-05"))))
            .When(state => MembershipDecisions.Decide(state, new DeliverHosting("7th World Congress", D("2002-06"))))
            .ThenRejected("already delivered");

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
            "lapsed" => Active(Congress, new MembershipLapsed(D("2003"))),
            _ => Active(Congress, new MembershipWithdrawn(D("2003"), null)),
        };
        var membership = Given<Membership>(history).State;
        // An application never has hostings; give it one so that only its status can refuse the delivery.
        if (status == "applied") membership = membership with { Hostings = [new Hosting(HostingKind.Congress, "7th World Congress", D("2002-05"), null)] };

        var violation = Assert.Throws<RuleViolation>(() => action switch
        {
            "elect" => MembershipDecisions.Decide(membership, new ElectRole(Role.Board, D("2004"))),
            "commit" => MembershipDecisions.Decide(membership, new CommitHosting(HostingKind.Summit, "Summit", D("2004"))),
            _ => MembershipDecisions.Decide(membership, new DeliverHosting("7th World Congress", D("2004"))),
        });
        Assert.Contains("only an active membership", violation.Message, StringComparison.OrdinalIgnoreCase);
    }
}
