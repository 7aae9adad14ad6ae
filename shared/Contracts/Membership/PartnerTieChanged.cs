using MassTransit;

namespace Diplomacy.Contracts.Membership;

/// <summary>
/// A partner-city tie changed in any way (proposed, MOU, council approval, signed, upgraded, suspended, resumed,
/// terminated). Carries the tie as it stands after that change; a reader keeps the highest <paramref name="Version"/>.
/// </summary>
/// <param name="Version">The version of the tie's stream after the change.</param>
/// <param name="Change">The stored name of what happened, such as "tie_proposed" or "agreement_signed".</param>
/// <param name="ChangedOn">The date the change names (YYYY, YYYY-MM or YYYY-MM-DD), if it names one.</param>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="Jurisdiction">"city", "state", "province" or "prefecture".</param>
/// <param name="Tie">"sister" or "friendship".</param>
/// <param name="Status">"proposed", "active", "suspended" or "terminated".</param>
[MessageUrn("diplomacy:membership:partner-tie-changed:v1")]
public sealed record PartnerTieChanged(
    Guid PartnerCityId,
    long Version,
    string Change,
    string? ChangedOn,
    string City,
    string Country,
    string Jurisdiction,
    string Tie,
    string Status,
    string ProposedOn,
    string? SignedOn,
    string? SuspendedOn,
    string? TerminatedOn,
    DateTimeOffset OccurredAt);
