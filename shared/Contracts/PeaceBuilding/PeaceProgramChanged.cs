using MassTransit;

namespace Diplomacy.Contracts.PeaceBuilding;

/// <summary>
/// A peace-building program changed in any way (registered, assessed, approved, funds allocated, a delivery recorded,
/// suspended, resumed, completed, cancelled, ...). Carries the program as it stands after that change; a reader keeps
/// the highest <paramref name="Version"/> per program.
/// </summary>
/// <param name="Version">The version of the program's stream after the change.</param>
/// <param name="Change">The stored name of what happened, such as "delivery_recorded".</param>
/// <param name="ChangedOn">The date the change names (YYYY, YYYY-MM or YYYY-MM-DD), if it names one.</param>
/// <param name="Area">"socioCultural", "infrastructure", "economic", "humanitarian", "advocacy" or "sports".</param>
/// <param name="DacPurposeCode">OECD DAC CRS purpose code, when known.</param>
/// <param name="Status">"concept", "approved", "suspended", "completed" or "cancelled".</param>
/// <param name="SuspendedOn">When the current suspension began, while suspended.</param>
[MessageUrn("diplomacy:peace:program-changed:v1")]
public sealed record PeaceProgramChanged(
    Guid ProgramId,
    long Version,
    string Change,
    string? ChangedOn,
    string Title,
    string Area,
    IReadOnlyList<PeacePartner> Partners,
    string? DacPurposeCode,
    IReadOnlyList<int> SdgGoals,
    string Status,
    string RegisteredOn,
    string? ApprovedOn,
    IReadOnlyList<PeaceFundAmount> Funds,
    string? SuspendedOn,
    string? CompletedOn,
    string? CancelledOn,
    DateTimeOffset OccurredAt);
