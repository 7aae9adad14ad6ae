using MassTransit;

namespace Diplomacy.Contracts.Exports;

/// <summary>
/// An export project changed in any way (lead identified, qualified, proposal, financing added, contract, payment,
/// handover, lost, cancelled, ...). Carries the project as it stands after that change; a reader keeps the highest
/// <paramref name="Version"/> per project.
/// </summary>
/// <param name="Version">The version of the project's stream after the change.</param>
/// <param name="Change">The stored name of what happened, such as "payment_received".</param>
/// <param name="ChangedOn">The date the change names (YYYY, YYYY-MM or YYYY-MM-DD), if it names one.</param>
/// <param name="ClientCountry">ISO 3166-1 alpha-2.</param>
/// <param name="Origin">"odaChallenge", "multilateralBank", "koica", "partnerRequest", "cityNetwork" or "policySharing".</param>
/// <param name="PolicyId">The catalogued policy the lead came from, if it came from one.</param>
/// <param name="Stage">"lead", "qualified", "feasibility", "proposed", "preferredBidder", "contracted", "implementation", "handedOver", "operating", "closed", "lost", "cancelled" or "suspended".</param>
[MessageUrn("diplomacy:exports:export-project-changed:v1")]
public sealed record ExportProjectChanged(
    Guid ProjectId,
    long Version,
    string Change,
    string? ChangedOn,
    string Solution,
    string ClientCity,
    string ClientCountry,
    string Origin,
    Guid? ExchangeId,
    Guid? PolicyId,
    string Stage,
    string? IdentifiedOn,
    ExportAmount? ProposalValue,
    string? ProposalSubmittedOn,
    ExportAmount? ContractValue,
    string? ContractSignedOn,
    IReadOnlyList<ExportFinancing> Financing,
    IReadOnlyList<ExportPayment> Payments,
    string? HandedOverOn,
    string? LostOn,
    string? LossReason,
    string? Winner,
    string? CancelledOn,
    DateTimeOffset OccurredAt);

/// <param name="Currency">ISO 4217.</param>
public sealed record ExportAmount(decimal Amount, string Currency);

/// <param name="Source">"smgOwnBudget", "smgOda", "koica", "edcf", "kexim", "worldBank", "ifc", "adb", "idb", "clientFunded", "privateConcession" or "ppp".</param>
/// <param name="Instrument">"grant", "loan", "concessionalLoan", "guarantee", "equity", "budgetAllocation", "clientPayment" or "other".</param>
public sealed record ExportFinancing(string Source, string Instrument, ExportAmount Amount, bool Committed);

public sealed record ExportPayment(ExportAmount Amount, string ReceivedOn);
