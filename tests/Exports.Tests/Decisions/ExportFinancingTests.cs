using Diplomacy.Exports.Projects;
using static Diplomacy.Exports.Tests.Decisions.ExportProjectHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Exports.Tests.Decisions;

/// <summary>Adding financing: committed financing covers the contract value, per currency, before implementation starts.</summary>
public class ExportFinancingTests
{
    public static TheoryData<string, IExportProjectEvent[], bool> FinancingCases => new()
    {
        { "nothing committed", [], false },
        { "exactly covered by three lenders in USD", [
            Financing(FinancingSource.Ifc, 55_000_000, "USD"),
            Financing(FinancingSource.Kexim, 62_000_000, "USD"),
            Financing(FinancingSource.PrivateConcession, 59_000_000, "USD", FinancingInstrument.Equity)], true },
        { "more than covered", [Financing(FinancingSource.ClientFunded, 200_000_000, "USD", FinancingInstrument.ClientPayment)], true },
        { "short by one dollar", [
            Financing(FinancingSource.Ifc, 55_000_000, "USD"),
            Financing(FinancingSource.Kexim, 120_999_999, "USD")], false },
        { "covered only if KRW were converted", [
            Financing(FinancingSource.Ifc, 100_000_000, "USD"),
            Financing(FinancingSource.SmgOda, 500_000_000_000, "KRW", FinancingInstrument.Grant)], false },
        { "covered only if EUR and KRW were converted", [
            Financing(FinancingSource.WorldBank, 100_000_000, "EUR"),
            Financing(FinancingSource.Edcf, 1_000_000_000_000, "KRW", FinancingInstrument.ConcessionalLoan)], false },
        { "USD covered, other currencies beside it", [
            Financing(FinancingSource.Ifc, 176_000_000, "USD"),
            Financing(FinancingSource.SmgOda, 2_100_000_000, "KRW", FinancingInstrument.Grant),
            Financing(FinancingSource.Adb, 5_000_000, "EUR")], true },
        { "covered only if indicative money counted", [
            Financing(FinancingSource.Ifc, 100_000_000, "USD"),
            Financing(FinancingSource.Kexim, 76_000_000, "USD", committed: false)], false },
        { "covered only if a guarantee counted", [
            Financing(FinancingSource.Ifc, 100_000_000, "USD"),
            Financing(FinancingSource.Kexim, 76_000_000, "USD", FinancingInstrument.Guarantee)], false },
    };

    [Theory]
    [MemberData(nameof(FinancingCases))]
    public void Implementation_starts_only_when_committed_financing_covers_the_contract_value_in_its_currency(
        string @case, IExportProjectEvent[] financing, bool covered)
    {
        var given = Given<ExportProject>(Contracted(financing));
        var milestone = given.When(state => ExportProjectDecisions.Decide(state, new ReachMilestone("Design approved", 10, D("2011-10"))));
        var handover = given.When(state => ExportProjectDecisions.Decide(state, new HandOverSystem(D("2012-06"))));

        if (covered)
        {
            milestone.Then(new MilestoneReached("Design approved", 10, D("2011-10")));
            handover.Then(new SystemHandedOver(D("2012-06")));
        }
        else
        {
            milestone.ThenRejected("must cover the contract value");
            handover.ThenRejected();
        }
        Assert.NotNull(@case);
    }

    [Fact]
    public void Committed_financing_is_totalled_per_currency_and_never_converted()
    {
        var project = Given<ExportProject>(Lead(
            Financing(FinancingSource.Ifc, 55, "USD"),
            Financing(FinancingSource.SmgOda, 2_100, "KRW", FinancingInstrument.Grant),
            Financing(FinancingSource.Kexim, 62, "USD"),
            Financing(FinancingSource.Kexim, 10, "USD", FinancingInstrument.Guarantee),
            Financing(FinancingSource.Adb, 7, "USD", committed: false))).State;

        Assert.Equal([M(117, "USD"), M(2_100, "KRW")], project.CommittedFinancing);
        Assert.Equal(5, project.Financing.Count);
    }

    [Fact]
    public void The_coverage_refusal_says_which_currencies_were_not_converted()
    {
        var rejected = Given<ExportProject>(Contracted(Financing(FinancingSource.SmgOda, 2_100_000_000, "KRW", FinancingInstrument.Grant)))
            .When(state => ExportProjectDecisions.Decide(state, new ReachMilestone("Start", 1, D("2011-08"))))
            .ThenRejected("2100000000 KRW");
        Assert.Contains("never converted", rejected.Message);
    }

    [Fact]
    public void Financing_is_added_until_the_project_is_over()
    {
        var (added, _) = Given<ExportProject>(Lead())
            .When(state => ExportProjectDecisions.Decide(state, new AddFinancingSource(FinancingSource.Koica, FinancingInstrument.Grant, M(1, "USD"))))
            .ThenSingle<FinancingSourceAdded>();
        Assert.True(added.Committed);
        Given<ExportProject>(Closed())
            .When(state => ExportProjectDecisions.Decide(state, new AddFinancingSource(FinancingSource.Koica, FinancingInstrument.Grant, M(1, "USD"))))
            .ThenRejected();
    }
}
