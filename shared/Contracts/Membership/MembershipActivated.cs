using MassTransit;

namespace Diplomacy.Contracts.Membership;

/// <summary>Seoul's membership of a city network became active (accepted or reinstated).</summary>
/// <param name="ActiveSince">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:membership:membership-activated:v1")]
public sealed record MembershipActivated(
    Guid MembershipId,
    Guid NetworkId,
    string NetworkAcronym,
    string ActiveSince,
    DateTimeOffset OccurredAt);
