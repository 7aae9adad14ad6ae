using MassTransit;

namespace Diplomacy.Contracts.PeaceBuilding;

/// <summary>A peace-building program was suspended.</summary>
/// <param name="Area">"socioCultural", "infrastructure", "economic", "humanitarian", "advocacy" or "sports".</param>
/// <param name="Funds">Allocated and spent per fund and currency when the event happened.</param>
/// <param name="Reason">"sanctions", "political", "security" or "pandemic".</param>
/// <param name="SuspendedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:peace:program-suspended:v1")]
public sealed record PeaceProgramSuspended(
    Guid ProgramId,
    string Title,
    string Area,
    IReadOnlyList<PeacePartner> Partners,
    IReadOnlyList<PeaceFundAmount> Funds,
    string Reason,
    string SuspendedOn,
    DateTimeOffset OccurredAt);
