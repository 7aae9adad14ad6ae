using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Membership.Networks;

public static class NetworkDecisions
{
    public static INetworkEvent[] Decide(RegisterNetwork command) =>
    [
        new NetworkRegistered(
            command.Acronym.Trim(),
            command.Name.Trim(),
            command.Founded,
            command.HeadquartersCity.Trim(),
            command.HeadquartersCountry,
            command.Themes.Select(theme => theme.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray()),
    ];

    public static INetworkEvent[] Decide(Network state, RenameNetwork command)
    {
        var name = command.Name.Trim();
        var acronym = command.Acronym?.Trim() ?? state.Acronym;
        Rule.Require(name != state.Name || acronym != state.Acronym,
            $"The network is already called '{state.Name}' ({state.Acronym}): a rename must change the name or the acronym.");
        Rule.Require(!command.EffectiveOn.IsCertainlyBefore(PartialDate.Of(state.Founded)),
            $"A rename cannot take effect before the network was founded ({state.Founded}).");
        Rule.Require(state.NamedSince is null || !command.EffectiveOn.IsCertainlyBefore(state.NamedSince),
            $"A rename cannot take effect before the previous rename ({state.NamedSince}).");
        return [new NetworkRenamed(name, acronym, command.EffectiveOn)];
    }
}
