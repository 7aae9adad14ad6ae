using System.Text.RegularExpressions;
using Diplomacy.Membership.Networks;
using Diplomacy.Membership.PartnerCities;
using MembershipState = Diplomacy.Membership.Memberships.Membership;

namespace Diplomacy.Membership.Tests.Decisions;

public partial class StoredEventNamesTests
{
    private static readonly IReadOnlyDictionary<Type, string>[] All =
        [Network.StoredEventNames, MembershipState.StoredEventNames, PartnerCity.StoredEventNames];

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    [Fact]
    public void Every_stored_event_name_is_snake_case_and_unique_across_the_service()
    {
        var names = All.SelectMany(map => map.Values).ToList();

        Assert.All(names, name => Assert.Matches(SnakeCase(), name));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(2 + 11 + 8, names.Count);
    }

    [Fact]
    public void Every_event_record_of_an_aggregate_has_a_stored_name()
    {
        // Events are the sealed records of an aggregate's namespace that are neither its state, a command, nor a value kept in state.
        var assembly = typeof(Network).Assembly;
        Type[] states = [typeof(Network), typeof(MembershipState), typeof(PartnerCity)];
        var named = All.SelectMany(map => map.Keys).ToHashSet();

        var events = assembly.GetTypes()
            .Where(type => type.Namespace is "Diplomacy.Membership.Networks" or "Diplomacy.Membership.Memberships" or "Diplomacy.Membership.PartnerCities")
            .Where(type => type is { IsClass: true, IsSealed: true, IsPublic: true } && type.GetMethod("<Clone>$") is not null)
            .Where(type => !states.Contains(type) && !typeof(Diplomacy.ServiceDefaults.Http.IValidatable).IsAssignableFrom(type))
            .Where(type => type.Name is not ("FormerNetworkName" or "RoleTerm" or "Hosting" or "AnnualFee"))
            .ToList();

        Assert.Equal(named.OrderBy(type => type.Name), events.OrderBy(type => type.Name));
    }
}
