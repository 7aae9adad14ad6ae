namespace Diplomacy.Membership.Tests.Decisions;

using Diplomacy.Membership.Memberships;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.Membership.Tests.Decisions.MembershipHistory;
using static Diplomacy.TestSupport.DecisionScenario;

/// <summary>Assessing and paying the annual fee.</summary>
public class MembershipFeeTests
{
    [Fact]
    public void Assessing_a_fee_records_it_unpaid()
    {
        var membership = Given<Membership>(Active())
            .When(state => MembershipDecisions.Decide(state, new AssessFee(2024, Usd(15_000))))
            .Then(new FeeAssessed(2024, Usd(15_000)));

        Assert.Equal([new AnnualFee(2024, Usd(15_000), null, null)], membership.Fees);
    }

    [Fact]
    public void A_fee_cannot_be_assessed_twice_for_one_year()
    {
        var given = Given<Membership>(Active(new FeeAssessed(2024, Usd(15_000))));

        given.When(state => MembershipDecisions.Decide(state, new AssessFee(2024, Usd(16_000)))).ThenRejected("already assessed");
        given.When(state => MembershipDecisions.Decide(state, new AssessFee(2025, Usd(16_000)))).Then(new FeeAssessed(2025, Usd(16_000)));
    }

    [Fact]
    public void Paying_a_fee_records_what_was_paid_and_when()
    {
        var membership = Given<Membership>(Active(new FeeAssessed(2023, Usd(14_000)), new FeeAssessed(2024, Usd(15_000))))
            .When(state => MembershipDecisions.Decide(state, new PayFee(2024, D("2024-03-15"), Usd(15_000))))
            .Then(new FeePaid(2024, D("2024-03-15"), Usd(15_000)));

        Assert.Equal(
            [new AnnualFee(2023, Usd(14_000), null, null), new AnnualFee(2024, Usd(15_000), Usd(15_000), D("2024-03-15"))],
            membership.Fees);
    }

    [Fact]
    public void A_fee_cannot_be_paid_before_it_is_assessed() =>
        Given<Membership>(Active(new FeeAssessed(2023, Usd(1))))
            .When(state => MembershipDecisions.Decide(state, new PayFee(2024, D("2024"), Usd(1))))
            .ThenRejected("before it is assessed");

    [Fact]
    public void A_fee_cannot_be_paid_twice() =>
        Given<Membership>(Active(new FeeAssessed(2024, Usd(15_000)), new FeePaid(2024, D("2024-03"), Usd(15_000))))
            .When(state => MembershipDecisions.Decide(state, new PayFee(2024, D("2024-04"), Usd(15_000))))
            .ThenRejected("already paid");

    [Fact]
    public void A_fee_cannot_be_paid_in_another_currency_than_assessed() =>
        Given<Membership>(Active(new FeeAssessed(2024, Usd(15_000))))
            .When(state => MembershipDecisions.Decide(state, new PayFee(2024, D("2024-03"), Eur(14_000))))
            .ThenRejected("cannot be paid in EUR");

    [Fact]
    public void Fees_can_be_assessed_and_paid_on_a_lapsed_membership()
    {
        var given = Given<Membership>(Active(new FeeAssessed(2024, Usd(15_000)), new MembershipLapsed(D("2025"))));

        given.When(state => MembershipDecisions.Decide(state, new AssessFee(2025, Usd(15_000)))).Then(new FeeAssessed(2025, Usd(15_000)));
        given.When(state => MembershipDecisions.Decide(state, new PayFee(2024, D("2025-02"), Usd(15_000))))
            .Then(new FeePaid(2024, D("2025-02"), Usd(15_000)));
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
}
