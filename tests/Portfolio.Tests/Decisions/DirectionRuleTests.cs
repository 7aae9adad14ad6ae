using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.Portfolio.Reads;

namespace Diplomacy.Portfolio.Tests.Decisions;

/// <summary>One test per direction rule: the finding appears past its threshold, with its evidence, and not before.</summary>
public sealed class DirectionRuleTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly DirectionThresholds Defaults = new();

    private static List<Finding> Findings(string rule, params object[] facts) =>
        [.. Directions.Of(Given.Ledger(facts), Defaults, Today).Where(f => f.Rule == rule)];

    [Fact]
    public void An_active_tie_with_nothing_for_three_years_is_dormant()
    {
        var tie = Given.Tie("Bogotá", "CO");
        var old = Given.Exchange("Bogota", "CO", Given.Policy("TOPIS"), requestedOn: "2022-05");
        var finding = Assert.Single(Findings("dormantTie", tie, old));
        Assert.Equal("co-bogota", finding.Subject);
        Assert.Equal(tie.PartnerCityId, Assert.Single(finding.Evidence).Id);
        Assert.False(string.IsNullOrWhiteSpace(finding.Suggestion));

        var recent = Given.Exchange("Bogota", "CO", Given.Policy("TOPIS"), requestedOn: "2024-05");
        Assert.Empty(Findings("dormantTie", tie, recent));
    }

    [Fact]
    public void The_dormancy_threshold_is_configurable()
    {
        var tie = Given.Tie("Hanoi", "VN");
        var exchange = Given.Exchange("Hanoi", "VN", Given.Policy("TOPIS"), requestedOn: "2024-05");
        Assert.DoesNotContain(Directions.Of(Given.Ledger(tie, exchange), Defaults, Today), f => f.Rule == "dormantTie");
        Assert.Single(Directions.Of(Given.Ledger(tie, exchange), new DirectionThresholds { DormantTieYears = 1 }, Today), f => f.Rule == "dormantTie");
    }

    [Fact]
    public void A_policy_adopted_by_two_cities_without_a_lead_should_be_sold()
    {
        var policy = Given.Policy("Transit card");
        var a = Given.Exchange("Hanoi", "VN", policy, adoption: "adopted");
        var b = Given.Exchange("Lima", "PE", policy, adoption: "scaled");
        var finding = Assert.Single(Findings("adoptedNeverSold", policy, a, b));
        Assert.Equal(3, finding.Evidence.Count);

        Assert.Empty(Findings("adoptedNeverSold", policy, a));
        Assert.Empty(Findings("adoptedNeverSold", policy, a, b, Given.Project("Lima", "PE", b.ExchangeId, policy.PolicyId)));
    }

    [Fact]
    public void A_city_with_two_initiatives_and_no_tie_gets_a_friendship_tie_to_propose()
    {
        var policy = Given.Policy("TOPIS");
        var exchange = Given.Exchange("Lima", "PE", policy);
        var project = Given.Project("Lima", "PE");
        var finding = Assert.Single(Findings("cityWithoutTie", exchange, project));
        Assert.Equal("pe-lima", finding.Subject);
        Assert.Equal(2, finding.Evidence.Count);

        Assert.Empty(Findings("cityWithoutTie", exchange));
        Assert.Empty(Findings("cityWithoutTie", exchange, project, Given.Tie("Lima", "PE")));
    }

    [Fact]
    public void A_role_whose_term_ends_within_twelve_months_is_flagged()
    {
        var ending = Given.Membership("Metropolis", roles: [new MembershipRoleTerm("coPresident", "2024", "2026-12", Ended: false)]);
        Assert.Single(Findings("roleTermEnding", ending));
        var later = Given.Membership("Metropolis", roles: [new MembershipRoleTerm("coPresident", "2024", "2028", Ended: false)]);
        Assert.Empty(Findings("roleTermEnding", later));
        var ended = Given.Membership("Metropolis", roles: [new MembershipRoleTerm("coPresident", "2024", "2026-12", Ended: true)]);
        Assert.Empty(Findings("roleTermEnding", ended));
    }

    [Fact]
    public void A_term_ending_in_a_year_is_flagged_until_that_year_is_over()
    {
        // The demo's Metropolis co-presidency runs "2024" to "2026": on 2026-06-01 it ends within 12 months, not months ago.
        var thisYear = Given.Membership("Metropolis", roles: [new MembershipRoleTerm("coPresident", "2024", "2026", Ended: false)]);
        Assert.Single(Findings("roleTermEnding", thisYear));
        var lastYear = Given.Membership("Metropolis", roles: [new MembershipRoleTerm("coPresident", "2023", "2025", Ended: false)]);
        Assert.Empty(Findings("roleTermEnding", lastYear));
    }

    [Fact]
    public void A_network_paid_for_with_no_exchange_through_it_is_idle()
    {
        var membership = Given.Membership("C40", fees: [new MembershipFee(2025, 15_000, "USD", 15_000, "USD", "2025-03")]);
        Assert.Single(Findings("idleNetwork", membership));
        var through = Given.Exchange("Hanoi", "VN", Given.Policy("TOPIS"), requestedOn: "2025-05", networkId: membership.NetworkId);
        Assert.Empty(Findings("idleNetwork", membership, through));
    }

    [Fact]
    public void An_sdg_with_policies_never_shared_is_found()
    {
        var unshared = Given.Policy("Arisu water", "14030", 6);
        var shared = Given.Policy("TOPIS", "21020", 11);
        var finding = Assert.Single(Findings("unsharedSdg", unshared, shared, Given.Exchange("Hanoi", "VN", shared)));
        Assert.Equal("SDG 6", finding.Subject);
    }

    [Fact]
    public void A_program_suspended_for_more_than_twelve_months_is_found()
    {
        Assert.Single(Findings("longSuspension", Given.Program("Kaesong", "KP", "suspended", "2024-02")));
        Assert.Empty(Findings("longSuspension", Given.Program("Kaesong", "KP", "suspended", "2026-02")));
        Assert.Empty(Findings("longSuspension", Given.Program("Kaesong", "KP", "approved")));
    }

    [Fact]
    public void Money_is_kept_per_currency()
    {
        var program = Given.Program("Mexico City", "MX", "approved", null,
            new PeaceFundAmount("Relief", "USD", 50_000, 20_000), new PeaceFundAmount("Relief", "KRW", 10_000_000, 0), new PeaceFundAmount("Other", "USD", 5_000, 0));
        var assets = AssetsEndpoints.Of(Given.Ledger(program), null);
        var json = System.Text.Json.JsonSerializer.SerializeToElement(assets.PeacePrograms, ServiceDefaults.Http.JsonDefaults.Api);
        var allocated = json.GetProperty("allocated").EnumerateArray().ToDictionary(a => a.GetProperty("currency").GetString()!, a => a.GetProperty("amount").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["KRW"] = 10_000_000, ["USD"] = 55_000 }, allocated);
    }

    [Fact]
    public void The_funnel_follows_a_policy_from_catalogue_to_contract()
    {
        var policy = Given.Policy("Transit card");
        var adopted = Given.Exchange("Hanoi", "VN", policy, requestedOn: "2020-01", adoption: "adopted", intent: true, participants: 10);
        var shared = Given.Exchange("Lima", "PE", policy, requestedOn: "2021-01");
        var project = Given.Project("Hanoi", "VN", adopted.ExchangeId, policy.PolicyId, identifiedOn: "2020-03", stage: "contracted",
            contract: new Contracts.Exports.ExportAmount(1_000_000, "USD"));
        var stages = Funnel.Of(Given.Ledger(policy, adopted, shared, project), new FunnelFilter(null, null, null, null)).ToDictionary(s => s.Stage);
        Assert.Equal(1, stages["catalogued"].Count);
        Assert.Equal(2, stages["shared"].Count);
        Assert.Equal(2.0, stages["shared"].Conversion);
        Assert.Equal(1, stages["delivered"].Count);
        Assert.Equal(0.5, stages["delivered"].Conversion);
        Assert.Equal(1, stages["adopted"].Count);
        Assert.Equal(1, stages["intentToProcure"].Count);
        Assert.Equal(1, stages["lead"].Count);
        Assert.Equal(0, stages["proposal"].Count);
        // Each stage counts the pairs that reached it, whether or not the record shows the stage before.
        Assert.Equal(1, stages["contract"].Count);
        Assert.Equal(60, stages["lead"].MedianDays);
    }
}
