using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults.Domain;
using static Diplomacy.PeaceBuilding.Tests.Decisions.PeaceProgramHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

/// <summary>Recording a delivery: approval, allocation, suspension, denied partners and the spending cap.</summary>
public class PeaceProgramDeliveryTests
{
    [Fact]
    public void A_delivery_within_the_allocation_is_recorded_and_spent_from_the_fund()
    {
        var program = Given<PeaceProgram>(Funded())
            .When(state => PeaceProgramDecisions.Decide(state, Delivery(40_000_000, partner: "pyongyang")))
            .Then(Delivered(40_000_000, partner: "Pyongyang"));

        var balance = Assert.Single(program.Funds);
        Assert.Equal(new FundBalance(Fund, CurrencyCode.Parse("KRW"), 100_000_000, 40_000_000), balance);
    }

    [Fact]
    public void Nothing_is_delivered_before_approval() =>
        Given<PeaceProgram>(Concept(Cleared, PyongyangContact, new FundsAllocated(Fund, M(100, "KRW"), D("2018"))))
            .When(state => PeaceProgramDecisions.Decide(state, Delivery(10)))
            .ThenRejected("approved");

    [Fact]
    public void Nothing_is_delivered_before_an_allocation() =>
        Given<PeaceProgram>(ApprovedProgram())
            .When(state => PeaceProgramDecisions.Decide(state, Delivery(0)))
            .ThenRejected("allocated");

    [Fact]
    public void Nothing_is_delivered_while_suspended()
    {
        Given<PeaceProgram>(Funded(new ProgramSuspended(SuspensionReason.Sanctions, D("2019-02"), null)))
            .When(state => PeaceProgramDecisions.Decide(state, Delivery(10)))
            .ThenRejected("suspended");

        Given<PeaceProgram>(Funded(new ProgramSuspended(SuspensionReason.Sanctions, D("2019-02"), null), new ProgramResumed(D("2019-05"), null)))
            .When(state => PeaceProgramDecisions.Decide(state, Delivery(10)))
            .Then(Delivered(10));
    }

    [Fact]
    public void A_denied_contact_approval_blocks_delivery_to_that_partner_only()
    {
        var denied = Given<PeaceProgram>(Funded(new ContactApprovalDenied("Pyongyang", D("2019-01"), "no contact")));

        denied.When(state => PeaceProgramDecisions.Decide(state, Delivery(10, partner: "Pyongyang"))).ThenRejected("denied");
        denied.When(state => PeaceProgramDecisions.Decide(state, Delivery(10, partner: "UNICEF"))).Then(Delivered(10, partner: "UNICEF"));
        denied.When(state => PeaceProgramDecisions.Decide(state, Delivery(10, partner: null))).Then(Delivered(10, partner: null));
    }

    [Fact]
    public void A_delivery_names_a_partner_of_the_program() =>
        Given<PeaceProgram>(Funded())
            .When(state => PeaceProgramDecisions.Decide(state, Delivery(10, partner: "Kaesong")))
            .ThenRejected("not a partner");

    // ---- the spending cap, per fund and currency

    private static readonly IPeaceProgramEvent[] MultiCurrency = ApprovedProgram(
        new FundsAllocated(Fund, M(1_000_000, "KRW"), D("2019")),
        new FundsAllocated(Fund, M(500, "USD"), D("2019")),
        new FundsAllocated("Seoul Disaster Relief", M(200, "USD"), D("2019")),
        new FundsAllocated(Fund, M(250_000, "KRW"), D("2019-06")),     // allocations add up: 1,250,000 KRW
        new DeliveryRecorded(DeliveryKind.AidShipment, "rice", Fund, M(1_000_000, "KRW"), D("2019-07"), "Pyongyang"),
        new DeliveryRecorded(DeliveryKind.EducationSession, "session", Fund, M(300, "USD"), D("2019-08"), null));

    public static TheoryData<string, decimal, string, bool> SpendingCases => new()
    {
        // fund, amount, currency, allowed
        { Fund, 250_000, "KRW", true },                  // exactly what is left
        { Fund, 250_001, "KRW", false },                 // one won over
        { Fund, 200, "USD", true },                      // the USD allocation of the same fund is separate
        { Fund, 201, "USD", false },
        { "Seoul Disaster Relief", 200, "USD", true },   // another fund's USD
        { "seoul disaster relief", 200.01m, "USD", false },
        { "Seoul Disaster Relief", 1, "KRW", false },    // nothing allocated from that fund in KRW
        { Fund, 1, "EUR", false },                       // nor in EUR: currencies are never converted
        { "Unknown Fund", 1, "USD", false },
        { Fund, 0, "KRW", true },                        // a delivery that cost nothing
    };

    [Theory]
    [MemberData(nameof(SpendingCases))]
    public void Spending_never_exceeds_the_allocation_per_fund_and_currency(string fund, decimal amount, string currency, bool allowed)
    {
        var decided = Given<PeaceProgram>(MultiCurrency)
            .When(state => PeaceProgramDecisions.Decide(state, Delivery(amount, currency, fund, partner: null)));

        if (!allowed)
        {
            decided.ThenRejected();
            return;
        }
        var after = decided.Then(Delivered(amount, currency, fund, partner: null));
        Assert.All(after.Funds, f => Assert.True(f.Spent <= f.Allocated, $"{f.Fund} {f.Currency}: {f.Spent} > {f.Allocated}"));
    }

    [Fact]
    public void Balances_are_kept_per_fund_and_currency()
    {
        var funds = Given<PeaceProgram>(MultiCurrency).State.Funds.Select(f => (f.Fund, f.Currency.Value, f.Allocated, f.Spent));

        Assert.Equal([
            (Fund, "KRW", 1_250_000m, 1_000_000m),
            (Fund, "USD", 500m, 300m),
            ("Seoul Disaster Relief", "USD", 200m, 0m),
        ], funds);
    }

    [Fact]
    public void The_delivery_records_the_funds_spelling_as_allocated() =>
        Given<PeaceProgram>(MultiCurrency)
            .When(state => PeaceProgramDecisions.Decide(state, Delivery(1, "USD", "seoul DISASTER relief", null)))
            .Then(Delivered(1, "USD", "Seoul Disaster Relief", null));

    [Fact]
    public void Amounts_must_be_positive_to_allocate_and_not_negative_to_spend()
    {
        Assert.Equal("amount.amount", Assert.Single(new AllocateFunds(Fund, M(0, "KRW"), D("2019")).Validate()).Field);
        Assert.Equal("spent.amount", Assert.Single(Delivery(-1).Validate()).Field);
        Assert.Empty(Delivery(0).Validate());
        Assert.Equal("fund", Assert.Single((Delivery(1) with { Fund = "" }).Validate()).Field);
    }
}
