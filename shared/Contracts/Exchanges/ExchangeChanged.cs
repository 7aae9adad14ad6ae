using MassTransit;

namespace Diplomacy.Contracts.Exchanges;

/// <summary>
/// A policy-sharing exchange changed in any way (requested, scoped, funded, scheduled, an activity delivered, an
/// outcome reported at any adoption level, evaluated, closed, cancelled, suspended, resumed). Carries the exchange as
/// it stands after that change; a reader keeps the highest <paramref name="Version"/> per exchange.
/// </summary>
/// <param name="Version">The version of the exchange's stream after the change.</param>
/// <param name="Change">The stored name of what happened, such as "activity_delivered".</param>
/// <param name="ChangedOn">The date the change names (YYYY, YYYY-MM or YYYY-MM-DD), if it names one.</param>
/// <param name="PartnerCountry">ISO 3166-1 alpha-2.</param>
/// <param name="Channel">"bilateral", "cityNetwork", "embassy" or "seoulOffer".</param>
/// <param name="Status">"requested", "scoped", "funded", "scheduled", "delivering", "outcomeReported", "evaluated", "closed", "cancelled" or "suspended".</param>
[MessageUrn("diplomacy:exchanges:exchange-changed:v1")]
public sealed record ExchangeChanged(
    Guid ExchangeId,
    long Version,
    string Change,
    string? ChangedOn,
    string PartnerCity,
    string PartnerCountry,
    string Channel,
    Guid? NetworkId,
    string? NetworkAcronym,
    IReadOnlyList<Guid> PolicyIds,
    string RequestedOn,
    string Status,
    string? Modality,
    int? PlannedParticipants,
    ExchangeFunding? Funding,
    IReadOnlyList<ExchangeActivity> Activities,
    IReadOnlyList<ExchangeOutcome> Outcomes,
    string? ClosedOn,
    string? CancelledOn,
    string? SuspendedOn,
    DateTimeOffset OccurredAt);

/// <param name="Currency">ISO 4217.</param>
public sealed record ExchangeFunding(string Source, decimal Amount, string Currency, string ApprovedOn);

/// <param name="Kind">"visit", "courseSession", "secondmentStart" or "secondmentEnd".</param>
public sealed record ExchangeActivity(string Kind, string DeliveredOn, int Participants);

/// <param name="AdoptionLevel">"none", "piloting", "adopted" or "scaled".</param>
public sealed record ExchangeOutcome(Guid PolicyId, string AdoptionLevel, bool IntendsToProcure, string ReportedOn);
