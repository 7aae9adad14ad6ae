using MassTransit;

namespace Diplomacy.Contracts.Exchanges;

/// <summary>
/// A partner city reported that it adopted (or is piloting or scaling) a Seoul policy shared with it and
/// intends to procure the solution: the urban-solution exports service opens a lead from it.
/// </summary>
/// <param name="PartnerCountry">ISO 3166-1 alpha-2.</param>
/// <param name="AdoptionLevel">"piloting", "adopted" or "scaled".</param>
/// <param name="ReportedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:exchanges:policy-adopted-with-procurement-intent:v1")]
public sealed record PolicyAdoptedWithProcurementIntent(
    Guid ExchangeId,
    Guid PolicyId,
    string PolicyTitle,
    string Sector,
    string PartnerCity,
    string PartnerCountry,
    string AdoptionLevel,
    string? Evidence,
    string ReportedOn,
    DateTimeOffset OccurredAt);
