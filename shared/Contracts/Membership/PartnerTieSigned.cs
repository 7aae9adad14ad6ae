using MassTransit;

namespace Diplomacy.Contracts.Membership;

/// <summary>A sister or friendship tie with a partner city was signed (or upgraded to sister).</summary>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="Tie">"sister" or "friendship".</param>
/// <param name="SignedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:membership:partner-tie-signed:v1")]
public sealed record PartnerTieSigned(
    Guid PartnerCityId,
    string City,
    string Country,
    string Tie,
    string SignedOn,
    DateTimeOffset OccurredAt);
