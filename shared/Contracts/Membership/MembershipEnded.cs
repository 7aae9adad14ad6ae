using MassTransit;

namespace Diplomacy.Contracts.Membership;

/// <summary>Seoul's membership of a city network stopped being active.</summary>
/// <param name="Reason">"lapsed" or "withdrawn".</param>
/// <param name="EndedOn">A date of the form YYYY, YYYY-MM or YYYY-MM-DD.</param>
[MessageUrn("diplomacy:membership:membership-ended:v1")]
public sealed record MembershipEnded(
    Guid MembershipId,
    Guid NetworkId,
    string NetworkAcronym,
    string Reason,
    string EndedOn,
    DateTimeOffset OccurredAt);
