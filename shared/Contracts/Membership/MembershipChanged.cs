using MassTransit;

namespace Diplomacy.Contracts.Membership;

/// <summary>
/// Seoul's membership of a network changed in any way (applied, accepted, a role elected or ended, a hosting committed
/// or delivered, a fee assessed or paid, lapsed, withdrawn, reinstated). Carries the membership as it stands after that
/// change; a reader keeps the highest <paramref name="Version"/> per membership.
/// </summary>
/// <param name="Version">The version of the membership's stream after the change.</param>
/// <param name="Change">The stored name of what happened, such as "role_elected" or "fee_paid".</param>
/// <param name="ChangedOn">The date the change names (YYYY, YYYY-MM or YYYY-MM-DD), if it names one.</param>
/// <param name="Status">"applied", "active", "lapsed" or "withdrawn".</param>
[MessageUrn("diplomacy:membership:membership-changed:v1")]
public sealed record MembershipChanged(
    Guid MembershipId,
    long Version,
    string Change,
    string? ChangedOn,
    Guid NetworkId,
    string NetworkAcronym,
    string Status,
    string AppliedOn,
    string? AcceptedOn,
    string? EndedOn,
    IReadOnlyList<MembershipRoleTerm> Roles,
    IReadOnlyList<MembershipHosting> Hostings,
    IReadOnlyList<MembershipFee> Fees,
    DateTimeOffset OccurredAt);

/// <summary>One term of a role; <paramref name="TermEnd"/> is planned while <paramref name="Ended"/> is false.</summary>
/// <param name="Role">"president", "coPresident", "vicePresident", "executiveCommittee", "board", "steeringCommittee" or "secretariatHost".</param>
public sealed record MembershipRoleTerm(string Role, string TermStart, string? TermEnd, bool Ended);

/// <summary>An event or office Seoul hosts for the network.</summary>
/// <param name="Kind">"congress", "summit", "generalAssembly", "secretariat" or "regionalOffice".</param>
public sealed record MembershipHosting(string Kind, string Title, string PlannedOn, string? DeliveredOn);

/// <summary>The fee of one year: assessed, and paid once it was (in its own currency).</summary>
/// <param name="Currency">ISO 4217 of the assessed amount.</param>
/// <param name="PaidCurrency">ISO 4217 of the paid amount, when paid.</param>
public sealed record MembershipFee(int Year, decimal Assessed, string Currency, decimal? Paid, string? PaidCurrency, string? PaidOn);
