using Diplomacy.Membership.Networks;
using static Diplomacy.Membership.Tests.Decisions.NetworkHistory;
using static Diplomacy.TestSupport.DecisionScenario;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>Renaming a network: its name, its acronym or both, never to what it is, never before it was founded or last renamed.</summary>
public class NetworkRenameTests
{
    [Fact]
    public void Renaming_keeps_the_acronym_when_none_is_given_and_remembers_the_previous_name()
    {
        var network = Given<Network>(WeGoRegistered)
            .When(state => NetworkDecisions.Decide(state, new RenameNetwork(" World Smart Sustainable Cities Organization ", D("2017"))))
            .Then(new NetworkRenamed("World Smart Sustainable Cities Organization", "WeGO", D("2017")));

        Assert.Equal("World Smart Sustainable Cities Organization", network.Name);
        Assert.Equal("WeGO", network.Acronym);
        Assert.Equal(D("2017"), network.NamedSince);
        Assert.Equal([new FormerNetworkName("World e-Governments Organization", "WeGO", D("2017"))], network.PreviousNames);
    }

    [Fact]
    public void Renaming_can_change_the_acronym_too()
    {
        var network = Given<Network>(WeGoRegistered)
            .When(state => NetworkDecisions.Decide(state, new RenameNetwork("World Smart Sustainable Cities Organization", D("2017-09"), "WSSCO")))
            .Then(new NetworkRenamed("World Smart Sustainable Cities Organization", "WSSCO", D("2017-09")));

        Assert.Equal("WSSCO", network.Acronym);
    }

    [Fact]
    public void Changing_only_the_acronym_is_a_rename() =>
        Given<Network>(WeGoRegistered)
            .When(state => NetworkDecisions.Decide(state, new RenameNetwork("World e-Governments Organization", D("2012"), "WEGO")))
            .Then(new NetworkRenamed("World e-Governments Organization", "WEGO", D("2012")));

    [Fact]
    public void Previous_names_are_kept_oldest_first()
    {
        var network = Given<Network>(
            WeGoRegistered,
            new NetworkRenamed("Second Name", "WeGO", D("2015")),
            new NetworkRenamed("Third Name", "W3", D("2017"))).State;

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
    public void Renaming_to_the_same_name_is_a_rule_violation(string name, string? acronym) =>
        Given<Network>(WeGoRegistered)
            .When(state => NetworkDecisions.Decide(state, new RenameNetwork(name, D("2017"), acronym)))
            .ThenRejected("a rename must change the name or the acronym");

    [Fact]
    public void A_rename_cannot_take_effect_before_the_network_was_founded() =>
        Given<Network>(WeGoRegistered)
            .When(state => NetworkDecisions.Decide(state, new RenameNetwork("New Name", D("2009-12"))))
            .ThenRejected("before the network was founded");

    [Fact]
    public void A_rename_in_the_founding_year_is_allowed() =>
        Given<Network>(WeGoRegistered)
            .When(state => NetworkDecisions.Decide(state, new RenameNetwork("New Name", D("2010-06"))))
            .Then(new NetworkRenamed("New Name", "WeGO", D("2010-06")));

    [Fact]
    public void A_rename_cannot_take_effect_before_the_previous_rename()
    {
        var renamedIn2017 = Given<Network>(WeGoRegistered, new NetworkRenamed("Second Name", "WeGO", D("2017-05")));

        renamedIn2017.When(state => NetworkDecisions.Decide(state, new RenameNetwork("Third Name", D("2016"))))
            .ThenRejected("before the previous rename");
        renamedIn2017.When(state => NetworkDecisions.Decide(state, new RenameNetwork("Third Name", D("2017"))))
            .Then(new NetworkRenamed("Third Name", "WeGO", D("2017")));
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
}
