using MassTransit;

namespace Diplomacy.Contracts.PeaceBuilding;

/// <summary>A suspended peace-building program was resumed.</summary>
/// <param name="Area">"socioCultural", "infrastructure", "economic", "humanitarian", "advocacy" or "sports".</param>
/// <param name="Funds">Allocated and spent per fund and currency when the event happened.</param>
/// <param name="ResumedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:peace:program-resumed:v1")]
public sealed record PeaceProgramResumed(
    Guid ProgramId,
    string Title,
    string Area,
    IReadOnlyList<PeacePartner> Partners,
    IReadOnlyList<PeaceFundAmount> Funds,
    string ResumedOn,
    DateTimeOffset OccurredAt);
