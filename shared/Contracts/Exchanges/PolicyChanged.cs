using MassTransit;

namespace Diplomacy.Contracts.Exchanges;

/// <summary>
/// A policy of Seoul's catalogue was catalogued or revised. Carries the policy as it stands after that change; a
/// reader keeps the highest <paramref name="Version"/> per policy.
/// </summary>
/// <param name="Version">The version of the policy's stream after the change.</param>
/// <param name="Change">The stored name of what happened, such as "policy_catalogued".</param>
/// <param name="ChangedOn">The date the change names, if it names one (catalogue entries name none).</param>
/// <param name="Sector">OECD DAC CRS purpose code (5 digits).</param>
/// <param name="SdgGoals">The SDG goals (1-17) it serves.</param>
[MessageUrn("diplomacy:exchanges:policy-changed:v1")]
public sealed record PolicyChanged(
    Guid PolicyId,
    long Version,
    string Change,
    string? ChangedOn,
    string Title,
    string Department,
    string Sector,
    IReadOnlyList<int> SdgGoals,
    DateTimeOffset OccurredAt);
