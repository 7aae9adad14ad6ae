using MassTransit;

namespace Diplomacy.Contracts.PeaceBuilding;

/// <summary>A peace-building program was approved.</summary>
/// <param name="Area">"socioCultural", "infrastructure", "economic", "humanitarian", "advocacy" or "sports".</param>
/// <param name="Funds">Allocated and spent per fund and currency when the event happened.</param>
/// <param name="ApprovedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:peace:program-approved:v1")]
public sealed record PeaceProgramApproved(
    Guid ProgramId,
    string Title,
    string Area,
    IReadOnlyList<PeacePartner> Partners,
    IReadOnlyList<PeaceFundAmount> Funds,
    string ApprovedOn,
    DateTimeOffset OccurredAt);
