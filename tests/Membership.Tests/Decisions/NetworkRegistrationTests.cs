using Diplomacy.Membership.Networks;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using static Diplomacy.Membership.Tests.Decisions.NetworkHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>Registering a network, the fields the registration checks, and how a network's history folds.</summary>
public class NetworkRegistrationTests
{
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
        var network = Given<Network>(NetworkDecisions.Decide(RegisterWeGo())).State;

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
    public void Fold_ignores_unknown_events_and_events_before_the_network_exists()
    {
        var network = Given<Network>(WeGoRegistered).State;

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
