using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Membership.Memberships;

/// <summary>An event of Seoul's membership of a network.</summary>
public interface IMembershipEvent : IEventOf<Membership>;

/// <summary>Seoul applied to join a network; the acronym is the network's at the time of the application.</summary>
public sealed record MembershipApplied(Guid NetworkId, string NetworkAcronym, PartialDate AppliedOn) : IMembershipEvent;

public sealed record MembershipAccepted(PartialDate AcceptedOn) : IMembershipEvent;

/// <summary>Seoul was elected to a role for a term; <paramref name="TermEnd"/> is the planned end, if known.</summary>
public sealed record RoleElected(Role Role, PartialDate TermStart, PartialDate? TermEnd, string? Note) : IMembershipEvent;

/// <summary>The term of <paramref name="Role"/> that started on <paramref name="TermStart"/> ended.</summary>
public sealed record RoleTermEnded(Role Role, PartialDate TermStart, PartialDate EndedOn) : IMembershipEvent;

public sealed record HostingCommitted(HostingKind Kind, string Title, PartialDate PlannedOn) : IMembershipEvent;

/// <summary>The hosting committed under <paramref name="Title"/> (exactly as committed) took place.</summary>
public sealed record HostingDelivered(string Title, PartialDate DeliveredOn) : IMembershipEvent;

public sealed record FeeAssessed(int Year, Money Fee) : IMembershipEvent;

public sealed record FeePaid(int Year, PartialDate PaidOn, Money Paid) : IMembershipEvent;

public sealed record MembershipLapsed(PartialDate LapsedOn) : IMembershipEvent;

public sealed record MembershipWithdrawn(PartialDate WithdrawnOn, string? Reason) : IMembershipEvent;

/// <summary>A lapsed or withdrawn membership, once accepted, is active again.</summary>
public sealed record MembershipReinstated(PartialDate ReinstatedOn) : IMembershipEvent;

public enum MembershipStatus
{
    Applied = 1,
    Active,
    Lapsed,
    Withdrawn,
}

public enum Role
{
    President = 1,
    CoPresident,
    VicePresident,
    ExecutiveCommittee,
    Board,
    SteeringCommittee,
    SecretariatHost,
}

public enum HostingKind
{
    Congress = 1,
    Summit,
    GeneralAssembly,
    Secretariat,
    RegionalOffice,
}

/// <summary>
/// One term of a role, identified by (<paramref name="Role"/>, <paramref name="TermStart"/>).
/// <paramref name="TermEnd"/> is the planned end while <paramref name="Ended"/> is false, the actual end after.
/// </summary>
public sealed record RoleTerm(Role Role, PartialDate TermStart, PartialDate? TermEnd, bool Ended, string? Note);

/// <summary>An event or office Seoul hosts for the network, identified by its title.</summary>
public sealed record Hosting(HostingKind Kind, string Title, PartialDate PlannedOn, PartialDate? DeliveredOn);

/// <summary>The annual fee of one year: what was assessed, and what was paid and when, once it was.</summary>
public sealed record AnnualFee(int Year, Money Assessed, Money? Paid, PartialDate? PaidOn);

/// <summary>Seoul's membership of one network: one stream per network.</summary>
public sealed record Membership : IAggregate<Membership, IMembershipEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public MembershipStatus Status { get; init; }
    public Guid NetworkId { get; init; }
    public string NetworkAcronym { get; init; } = "";
    public PartialDate AppliedOn { get; init; } = null!;
    public PartialDate? AcceptedOn { get; init; }
    public PartialDate? LapsedOn { get; init; }
    public PartialDate? WithdrawnOn { get; init; }
    public string? WithdrawalReason { get; init; }
    public PartialDate? ReinstatedOn { get; init; }
    public IReadOnlyList<RoleTerm> Roles { get; init; } = [];
    public IReadOnlyList<Hosting> Hostings { get; init; } = [];
    public IReadOnlyList<AnnualFee> Fees { get; init; } = [];

    /// <summary>The membership stream of a network. One id per network makes "no two memberships of one network" a database guarantee.</summary>
    public static Guid StreamIdFor(Guid networkId) => DeterministicGuid.Create("membership", networkId.ToString());

    public static Membership? Fold(Membership? state, IMembershipEvent @event) => (state, @event) switch
    {
        (null, MembershipApplied e) => new Membership
        {
            Status = MembershipStatus.Applied,
            NetworkId = e.NetworkId,
            NetworkAcronym = e.NetworkAcronym,
            AppliedOn = e.AppliedOn,
        },
        (not null, MembershipAccepted e) => state with { Status = MembershipStatus.Active, AcceptedOn = e.AcceptedOn },
        (not null, RoleElected e) => state with
        {
            Roles = [.. state.Roles, new RoleTerm(e.Role, e.TermStart, e.TermEnd, Ended: false, e.Note)],
        },
        (not null, RoleTermEnded e) => state with
        {
            Roles = [.. state.Roles.Select(term => term.Role == e.Role && term.TermStart == e.TermStart
                ? term with { TermEnd = e.EndedOn, Ended = true }
                : term)],
        },
        (not null, HostingCommitted e) => state with
        {
            Hostings = [.. state.Hostings, new Hosting(e.Kind, e.Title, e.PlannedOn, DeliveredOn: null)],
        },
        (not null, HostingDelivered e) => state with
        {
            Hostings = [.. state.Hostings.Select(hosting => hosting.Title == e.Title ? hosting with { DeliveredOn = e.DeliveredOn } : hosting)],
        },
        (not null, FeeAssessed e) => state with
        {
            Fees = [.. state.Fees, new AnnualFee(e.Year, e.Fee, Paid: null, PaidOn: null)],
        },
        (not null, FeePaid e) => state with
        {
            Fees = [.. state.Fees.Select(fee => fee.Year == e.Year ? fee with { Paid = e.Paid, PaidOn = e.PaidOn } : fee)],
        },
        (not null, MembershipLapsed e) => state with { Status = MembershipStatus.Lapsed, LapsedOn = e.LapsedOn },
        (not null, MembershipWithdrawn e) => state with
        {
            Status = MembershipStatus.Withdrawn,
            WithdrawnOn = e.WithdrawnOn,
            WithdrawalReason = e.Reason,
        },
        (not null, MembershipReinstated e) => state with { Status = MembershipStatus.Active, ReinstatedOn = e.ReinstatedOn },
        _ => state,
    };

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(MembershipApplied)] = "membership_applied",
        [typeof(MembershipAccepted)] = "membership_accepted",
        [typeof(RoleElected)] = "role_elected",
        [typeof(RoleTermEnded)] = "role_term_ended",
        [typeof(HostingCommitted)] = "hosting_committed",
        [typeof(HostingDelivered)] = "hosting_delivered",
        [typeof(FeeAssessed)] = "fee_assessed",
        [typeof(FeePaid)] = "fee_paid",
        [typeof(MembershipLapsed)] = "membership_lapsed",
        [typeof(MembershipWithdrawn)] = "membership_withdrawn",
        [typeof(MembershipReinstated)] = "membership_reinstated",
    };
}
