using MassTransit;

namespace Diplomacy.Contracts.Exports;

/// <summary>An export contract was signed.</summary>
/// <param name="ClientCountry">ISO 3166-1 alpha-2.</param>
/// <param name="Currency">ISO 4217 code of <paramref name="Value"/>.</param>
/// <param name="ExchangeId">The policy-sharing exchange the export came from, if it did.</param>
/// <param name="SignedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
/// <param name="ConsortiumFirms">The Korean firms of the consortium.</param>
[MessageUrn("diplomacy:exports:export-contract-signed:v1")]
public sealed record ExportContractSigned(
    Guid ProjectId,
    string Solution,
    string ClientCity,
    string ClientCountry,
    decimal Value,
    string Currency,
    Guid? ExchangeId,
    string SignedOn,
    IReadOnlyList<string> ConsortiumFirms,
    DateTimeOffset OccurredAt);
