using Diplomacy.Exchanges.Policies;
using Diplomacy.ServiceDefaults.EventStore;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Exchanges.Tests.Decisions;

public class PolicyDecisionTests
{
    private static readonly CataloguePolicy Topis = new(
        " TOPIS traffic operations ", "City Transportation Office", "21020", [11, 9, 11], "Real-time traffic operations centre.");

    [Fact]
    public void Cataloguing_trims_and_orders_the_goals()
    {
        var catalogued = Assert.IsType<PolicyCatalogued>(Assert.Single(PolicyDecisions.Decide(Topis)));
        Assert.Equal("TOPIS traffic operations", catalogued.Title);
        Assert.Equal([9, 11], catalogued.SdgGoals);
        var policy = Aggregate.Fold<Policy>(catalogued)!;
        Assert.Equal((PolicyStatus.Catalogued, "21020", 0), (policy.Status, policy.Sector, policy.SummaryRevisions));
    }

    public static TheoryData<CataloguePolicy, string> InvalidPolicies => new()
    {
        { Topis with { Title = "" }, "title" },
        { Topis with { Department = " " }, "department" },
        { Topis with { Sector = "2102" }, "sector" },
        { Topis with { Sector = "road" }, "sector" },
        { Topis with { SdgGoals = [] }, "sdgGoals" },
        { Topis with { SdgGoals = [18] }, "sdgGoals[0]" },
        { Topis with { Summary = "" }, "summary" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void Invalid_policies_name_the_field(CataloguePolicy command, string field) =>
        Assert.Equal(field, Assert.Single(command.Validate()).Field);

    [Fact]
    public void A_revision_changes_the_summary()
    {
        var catalogued = PolicyDecisions.Decide(Topis);
        var (revised, after) = Given<Policy>(catalogued)
            .When(policy => PolicyDecisions.Decide(policy, new RevisePolicySummary(" Shared with 10 cities. ")))
            .ThenSingle<PolicySummaryRevised>();
        Assert.Equal("Shared with 10 cities.", revised.Summary);
        Assert.Equal(("Shared with 10 cities.", 1), (after.Summary, after.SummaryRevisions));
        Given<Policy>([.. catalogued, revised])
            .When(policy => PolicyDecisions.Decide(policy, new RevisePolicySummary("Shared with 10 cities.")))
            .ThenRejected();
    }
}
