using Diplomacy.Membership.Networks;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Membership.Tests.Decisions;

public class NetworkDecisionTests
{
    private static PartialDate D(string text) => PartialDate.Parse(text);

    private static RegisterNetwork RegisterWeGo(params string[] themes) => new(
        "WeGO", "World e-Governments Organization", 2010, "Seoul", CountryCode.Parse("KR"),
        themes.Length == 0 ? ["e-government", "smart city"] : themes);

    private static readonly NetworkRegistered WeGoRegistered = new(
        "WeGO", "World e-Governments Organization", 2010, "Seoul", CountryCode.Parse("KR"), ["e-government", "smart city"]);

    private static Network WeGo(params INetworkEvent[] later) => Aggregate.Fold<Network>([WeGoRegistered, .. later])!;

    [Fact]
    public void Registering_a_network_records_it_as_given_trimmed()
    {
        var command = new RegisterNetwork(
            " Metropolis ", " World Association of the Major Metropolises ", 1985, " Barcelona ", CountryCode.Parse("ES"),
            [" governance ", "urban development", "Governance"]);

        var registered = Assert.IsType<NetworkRegistered>(Assert.Single(NetworkDecisions.Decide(command)));

        Assert.Equal("Metropolis", registered.Acronym);
        Assert.Equal("World Association of the Major Metropolises", registered.Name);
        Assert.Equal(1985, registered.Founded);
        Assert.Equal("Barcelona", registered.HeadquartersCity);
        Assert.Equal(CountryCode.Parse("ES"), registered.HeadquartersCountry);
        Assert.Equal(["governance", "urban development"], registered.Themes);
    }

    [Fact]
    public void A_registered_network_is_active_with_what_was_registered()
    {
        var network = Aggregate.Fold<Network>(NetworkDecisions.Decide(RegisterWeGo()))!;

        Assert.Equal(NetworkStatus.Active, network.Status);
        Assert.Equal("WeGO", network.Acronym);
        Assert.Equal("World e-Governments Organization", network.Name);
        Assert.Equal(2010, network.Founded);
        Assert.Equal("Seoul", network.HeadquartersCity);
        Assert.Equal("KR", network.HeadquartersCountry.Value);
        Assert.Equal(["e-government", "smart city"], network.Themes);
        Assert.Empty(network.PreviousNames);
        Assert.Null(network.NamedSince);
    }

    public static TheoryData<string> InvalidRegistrations => new(InvalidRegistration.Keys);

    private static readonly Dictionary<string, RegisterNetwork> InvalidRegistration = new()
    {
        ["acronym"] = RegisterWeGo() with { Acronym = " " },
        ["name"] = RegisterWeGo() with { Name = "" },
        ["founded"] = RegisterWeGo() with { Founded = 1799 },
        ["headquartersCity"] = RegisterWeGo() with { HeadquartersCity = "\t" },
        ["headquartersCountry"] = RegisterWeGo() with { HeadquartersCountry = default },
        ["themes"] = RegisterWeGo() with { Themes = [] },
        ["themes[1]"] = RegisterWeGo("climate", " "),
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public void An_invalid_registration_names_the_wrong_field(string field)
    {
        var error = Assert.Single(InvalidRegistration[field].Validate());

        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(1800)]
    [InlineData(2100)]
    public void Founded_years_at_the_bounds_are_valid(int founded)
    {
        Assert.Empty((RegisterWeGo() with { Founded = founded }).Validate());
    }

    [Fact]
    public void A_founded_year_after_2100_is_invalid()
    {
        Assert.Equal("founded", Assert.Single((RegisterWeGo() with { Founded = 2101 }).Validate()).Field);
    }

    [Fact]
    public void A_valid_registration_has_no_errors()
    {
        Assert.Empty(RegisterWeGo().Validate());
    }

    [Fact]
    public void Renaming_keeps_the_acronym_when_none_is_given_and_remembers_the_previous_name()
    {
        var events = NetworkDecisions.Decide(WeGo(), new RenameNetwork(" World Smart Sustainable Cities Organization ", D("2017")));

        var renamed = Assert.IsType<NetworkRenamed>(Assert.Single(events));
        Assert.Equal(new NetworkRenamed("World Smart Sustainable Cities Organization", "WeGO", D("2017")), renamed);

        var network = WeGo(renamed);
        Assert.Equal("World Smart Sustainable Cities Organization", network.Name);
        Assert.Equal("WeGO", network.Acronym);
        Assert.Equal(D("2017"), network.NamedSince);
        Assert.Equal([new FormerNetworkName("World e-Governments Organization", "WeGO", D("2017"))], network.PreviousNames);
    }

    [Fact]
    public void Renaming_can_change_the_acronym_too()
    {
        var renamed = Assert.IsType<NetworkRenamed>(Assert.Single(
            NetworkDecisions.Decide(WeGo(), new RenameNetwork("World Smart Sustainable Cities Organization", D("2017-09"), "WSSCO"))));

        Assert.Equal("WSSCO", renamed.Acronym);
        Assert.Equal("WSSCO", WeGo(renamed).Acronym);
    }

    [Fact]
    public void Changing_only_the_acronym_is_a_rename()
    {
        var renamed = Assert.IsType<NetworkRenamed>(Assert.Single(
            NetworkDecisions.Decide(WeGo(), new RenameNetwork("World e-Governments Organization", D("2012"), "WEGO"))));

        Assert.Equal(new NetworkRenamed("World e-Governments Organization", "WEGO", D("2012")), renamed);
    }

    [Fact]
    public void Previous_names_are_kept_oldest_first()
    {
        var network = WeGo(
            new NetworkRenamed("Second Name", "WeGO", D("2015")),
            new NetworkRenamed("Third Name", "W3", D("2017")));

        Assert.Equal(
            [
                new FormerNetworkName("World e-Governments Organization", "WeGO", D("2015")),
                new FormerNetworkName("Second Name", "WeGO", D("2017")),
            ],
            network.PreviousNames);
        Assert.Equal("Third Name", network.Name);
        Assert.Equal("W3", network.Acronym);
    }

    [Theory]
    [InlineData("World e-Governments Organization", null)]
    [InlineData("  World e-Governments Organization ", null)]
    [InlineData("World e-Governments Organization", "WeGO")]
    [InlineData("World e-Governments Organization", " WeGO ")]
    public void Renaming_to_the_same_name_is_a_rule_violation(string name, string? acronym)
    {
        Assert.Throws<RuleViolation>(() => NetworkDecisions.Decide(WeGo(), new RenameNetwork(name, D("2017"), acronym)));
    }

    [Fact]
    public void A_rename_cannot_take_effect_before_the_network_was_founded()
    {
        Assert.Throws<RuleViolation>(() => NetworkDecisions.Decide(WeGo(), new RenameNetwork("New Name", D("2009-12"))));
    }

    [Fact]
    public void A_rename_in_the_founding_year_is_allowed()
    {
        Assert.Single(NetworkDecisions.Decide(WeGo(), new RenameNetwork("New Name", D("2010-06"))));
    }

    [Fact]
    public void A_rename_cannot_take_effect_before_the_previous_rename()
    {
        var network = WeGo(new NetworkRenamed("Second Name", "WeGO", D("2017-05")));

        Assert.Throws<RuleViolation>(() => NetworkDecisions.Decide(network, new RenameNetwork("Third Name", D("2016"))));
        Assert.Single(NetworkDecisions.Decide(network, new RenameNetwork("Third Name", D("2017"))));
    }

    [Theory]
    [InlineData("", null, "name")]
    [InlineData("New Name", " ", "acronym")]
    public void An_invalid_rename_names_the_wrong_field(string name, string? acronym, string field)
    {
        var error = Assert.Single(new RenameNetwork(name, D("2017"), acronym).Validate());

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_valid_rename_has_no_errors()
    {
        Assert.Empty(new RenameNetwork("New Name", D("2017")).Validate());
        Assert.Empty(new RenameNetwork("New Name", D("2017"), "NN").Validate());
    }

    [Fact]
    public void Fold_ignores_unknown_events_and_events_before_the_network_exists()
    {
        var network = WeGo();

        Assert.Same(network, Aggregate.FoldStored(network, "not an event"));
        Assert.Null(Network.Fold(null, new NetworkRenamed("Name", "N", D("2017"))));
    }

    [Fact]
    public void The_fold_the_store_uses_starts_from_no_state()
    {
        var network = Aggregate.FoldStored<Network>(null, WeGoRegistered)!;

        Assert.Equal(NetworkStatus.Active, network.Status);
        Assert.Equal("WeGO", network.Acronym);
        Assert.Equal("New", Aggregate.FoldStored(network, new NetworkRenamed("New", "WeGO", D("2017")))!.Name);
        Assert.Null(Aggregate.FoldStored<Network>(null, new NetworkRenamed("New", "WeGO", D("2017"))));
    }
}
