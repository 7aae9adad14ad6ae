using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Membership.PartnerCities;

/// <summary>An event of a partner-city tie.</summary>
public interface IPartnerCityEvent : IEventOf<PartnerCity>;

/// <summary>A sister or friendship tie between Seoul and another city (or state, province, prefecture) was proposed.</summary>
public sealed record TieProposed(string City, CountryCode Country, Jurisdiction Jurisdiction, TieType Tie, PartialDate ProposedOn) : IPartnerCityEvent;

/// <summary>A memorandum of understanding was signed ahead of the agreement.</summary>
public sealed record MouSigned(PartialDate SignedOn) : IPartnerCityEvent;

/// <summary>
/// Seoul's city council approved the tie: for <see cref="CouncilApprovalPurpose.Agreement"/> the tie as proposed,
/// for <see cref="CouncilApprovalPurpose.UpgradeToSister"/> turning an active friendship tie into a sister tie.
/// </summary>
public sealed record CouncilApprovalGranted(PartialDate ApprovedOn, CouncilApprovalPurpose Purpose) : IPartnerCityEvent;

/// <summary>The agreement was signed: the tie is active.</summary>
public sealed record AgreementSigned(PartialDate SignedOn) : IPartnerCityEvent;

/// <summary>The friendship tie became a sister tie.</summary>
public sealed record TieUpgradedToSister(PartialDate UpgradedOn) : IPartnerCityEvent;

public sealed record TieSuspended(PartialDate SuspendedOn, string Reason) : IPartnerCityEvent;

public sealed record TieResumed(PartialDate ResumedOn) : IPartnerCityEvent;

/// <summary>The tie ended for good (San Francisco revoked its tie with Osaka in 2018).</summary>
public sealed record TieTerminated(PartialDate TerminatedOn, string? Reason) : IPartnerCityEvent;

public enum PartnerCityStatus
{
    Proposed = 1,
    Active,
    Suspended,
    Terminated,
}

public enum Jurisdiction
{
    City = 1,
    State,
    Province,
    Prefecture,
}

public enum TieType
{
    Sister = 1,
    Friendship,
}

public enum CouncilApprovalPurpose
{
    /// <summary>Approves signing the agreement of the tie as proposed.</summary>
    Agreement = 1,
    /// <summary>Approves upgrading an active friendship tie to a sister tie.</summary>
    UpgradeToSister,
}

/// <summary>One partner-city tie: one stream each.</summary>
public sealed record PartnerCity : IAggregate<PartnerCity, IPartnerCityEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public PartnerCityStatus Status { get; init; }
    public string City { get; init; } = "";
    public CountryCode Country { get; init; }
    public Jurisdiction Jurisdiction { get; init; }
    /// <summary>The tie as it is now: a friendship tie becomes a sister tie when upgraded.</summary>
    public TieType Tie { get; init; }
    public PartialDate ProposedOn { get; init; } = null!;
    public PartialDate? MouSignedOn { get; init; }
    /// <summary>When the council approved the agreement (required before a sister tie's agreement is signed).</summary>
    public PartialDate? CouncilApprovedOn { get; init; }
    /// <summary>When the council approved upgrading the friendship tie to a sister tie.</summary>
    public PartialDate? UpgradeApprovedOn { get; init; }
    public PartialDate? AgreementSignedOn { get; init; }
    public PartialDate? UpgradedOn { get; init; }
    /// <summary>Set while the tie is suspended; cleared when it resumes.</summary>
    public PartialDate? SuspendedOn { get; init; }
    public string? SuspensionReason { get; init; }
    public PartialDate? ResumedOn { get; init; }
    public PartialDate? TerminatedOn { get; init; }
    public string? TerminationReason { get; init; }

    public static PartnerCity? Fold(PartnerCity? state, IPartnerCityEvent @event) => (state, @event) switch
    {
        (null, TieProposed e) => new PartnerCity
        {
            Status = PartnerCityStatus.Proposed,
            City = e.City,
            Country = e.Country,
            Jurisdiction = e.Jurisdiction,
            Tie = e.Tie,
            ProposedOn = e.ProposedOn,
        },
        (not null, MouSigned e) => state with { MouSignedOn = e.SignedOn },
        (not null, CouncilApprovalGranted { Purpose: CouncilApprovalPurpose.Agreement } e) => state with { CouncilApprovedOn = e.ApprovedOn },
        (not null, CouncilApprovalGranted { Purpose: CouncilApprovalPurpose.UpgradeToSister } e) => state with { UpgradeApprovedOn = e.ApprovedOn },
        (not null, AgreementSigned e) => state with { Status = PartnerCityStatus.Active, AgreementSignedOn = e.SignedOn },
        (not null, TieUpgradedToSister e) => state with { Tie = TieType.Sister, UpgradedOn = e.UpgradedOn },
        (not null, TieSuspended e) => state with
        {
            Status = PartnerCityStatus.Suspended,
            SuspendedOn = e.SuspendedOn,
            SuspensionReason = e.Reason,
        },
        (not null, TieResumed e) => state with
        {
            Status = PartnerCityStatus.Active,
            SuspendedOn = null,
            SuspensionReason = null,
            ResumedOn = e.ResumedOn,
        },
        (not null, TieTerminated e) => state with
        {
            Status = PartnerCityStatus.Terminated,
            TerminatedOn = e.TerminatedOn,
            TerminationReason = e.Reason,
        },
        _ => state,
    };

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(TieProposed)] = "tie_proposed",
        [typeof(MouSigned)] = "mou_signed",
        [typeof(CouncilApprovalGranted)] = "council_approval_granted",
        [typeof(AgreementSigned)] = "agreement_signed",
        [typeof(TieUpgradedToSister)] = "tie_upgraded_to_sister",
        [typeof(TieSuspended)] = "tie_suspended",
        [typeof(TieResumed)] = "tie_resumed",
        [typeof(TieTerminated)] = "tie_terminated",
    };
}
