using MassTransit;

namespace Diplomacy.Contracts.Exports;

/// <summary>The exported system was handed over to the client city.</summary>
/// <param name="ClientCountry">ISO 3166-1 alpha-2.</param>
/// <param name="HandedOverOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:exports:export-system-handed-over:v1")]
public sealed record ExportSystemHandedOver(
    Guid ProjectId,
    string Solution,
    string ClientCity,
    string ClientCountry,
    Guid? ExchangeId,
    string HandedOverOn,
    DateTimeOffset OccurredAt);
