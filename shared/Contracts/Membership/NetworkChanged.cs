using MassTransit;

namespace Diplomacy.Contracts.Membership;

/// <summary>
/// A city network's record changed: registered or renamed. Carries the network as it stands after that change, so a
/// reader that keeps the highest <paramref name="Version"/> per network converges whatever order the messages arrive in.
/// </summary>
/// <param name="Version">The version of the network's stream after the change.</param>
/// <param name="Change">The stored name of what happened, such as "network_renamed".</param>
/// <param name="ChangedOn">The date the change names (YYYY, YYYY-MM or YYYY-MM-DD), if it names one.</param>
/// <param name="HeadquartersCountry">ISO 3166-1 alpha-2.</param>
[MessageUrn("diplomacy:membership:network-changed:v1")]
public sealed record NetworkChanged(
    Guid NetworkId,
    long Version,
    string Change,
    string? ChangedOn,
    string Acronym,
    string Name,
    int Founded,
    string HeadquartersCity,
    string HeadquartersCountry,
    IReadOnlyList<string> Themes,
    DateTimeOffset OccurredAt);
