using MassTransit;

namespace Diplomacy.Contracts.Exports;

/// <summary>A lead for exporting a Seoul urban solution to a client city was opened.</summary>
/// <param name="ClientCountry">ISO 3166-1 alpha-2.</param>
/// <param name="Origin">"odaChallenge", "multilateralBank", "koica", "partnerRequest", "cityNetwork" or "policySharing".</param>
/// <param name="ExchangeId">The policy-sharing exchange the lead came from, when <paramref name="Origin"/> is "policySharing".</param>
/// <param name="IdentifiedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD; null when unknown.</param>
[MessageUrn("diplomacy:exports:export-lead-opened:v1")]
public sealed record ExportLeadOpened(
    Guid ProjectId,
    string Solution,
    string ClientCity,
    string ClientCountry,
    string Origin,
    Guid? ExchangeId,
    string? IdentifiedOn,
    DateTimeOffset OccurredAt);
