using MassTransit;

namespace Diplomacy.Contracts.Membership;

/// <summary>A partner-city tie was terminated.</summary>
/// <param name="TerminatedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:membership:partner-tie-terminated:v1")]
public sealed record PartnerTieTerminated(
    Guid PartnerCityId,
    string City,
    string Country,
    string Tie,
    string TerminatedOn,
    DateTimeOffset OccurredAt);
