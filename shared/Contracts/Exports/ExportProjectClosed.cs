using MassTransit;

namespace Diplomacy.Contracts.Exports;

/// <summary>An export project is over for good.</summary>
/// <param name="ClientCountry">ISO 3166-1 alpha-2.</param>
/// <param name="Outcome">"completed" (its defects period ended), "lost" or "cancelled".</param>
/// <param name="ClosedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
/// <param name="Reason">Why it was lost or cancelled; null when completed.</param>
[MessageUrn("diplomacy:exports:export-project-closed:v1")]
public sealed record ExportProjectClosed(
    Guid ProjectId,
    string Solution,
    string ClientCity,
    string ClientCountry,
    Guid? ExchangeId,
    string Outcome,
    string ClosedOn,
    string? Reason,
    DateTimeOffset OccurredAt);
