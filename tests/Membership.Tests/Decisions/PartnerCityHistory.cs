using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.Membership.Tests.Decisions;

/// <summary>The histories the partner-city decision tests start from: a sister tie with Hanoi, a friendship tie with Hokkaido.</summary>
internal static class PartnerCityHistory
{
    public static PartialDate D(string text) => PartialDate.Parse(text);

    public static readonly TieProposed HanoiProposed = new("Hanoi", CountryCode.Parse("VN"), Jurisdiction.City, TieType.Sister, D("1996"));
    public static readonly TieProposed HokkaidoProposed = new("Hokkaido", CountryCode.Parse("JP"), Jurisdiction.Prefecture, TieType.Friendship, D("2010"));
    public static readonly CouncilApprovalGranted AgreementApproved = new(D("1996-04"), CouncilApprovalPurpose.Agreement);
    public static readonly CouncilApprovalGranted UpgradeApproved = new(D("2015-03"), CouncilApprovalPurpose.UpgradeToSister);

    public static IPartnerCityEvent[] ProposedSister(params IPartnerCityEvent[] later) => [HanoiProposed, .. later];
    public static IPartnerCityEvent[] ActiveSister(params IPartnerCityEvent[] later) =>
        ProposedSister([AgreementApproved, new AgreementSigned(D("1996-05")), .. later]);
    public static IPartnerCityEvent[] ProposedFriendship(params IPartnerCityEvent[] later) => [HokkaidoProposed, .. later];
    public static IPartnerCityEvent[] ActiveFriendship(params IPartnerCityEvent[] later) => ProposedFriendship([new AgreementSigned(D("2010")), .. later]);
    public static IPartnerCityEvent[] Suspended() => ActiveSister(new TieSuspended(D("2000"), "diplomatic row"));
    public static IPartnerCityEvent[] Terminated() => ActiveSister(new TieTerminated(D("2018"), "revoked"));

    public static IPartnerCityEvent[] InStatus(PartnerCityStatus status) => status switch
    {
        PartnerCityStatus.Proposed => ProposedSister(),
        PartnerCityStatus.Active => ActiveSister(),
        PartnerCityStatus.Suspended => Suspended(),
        PartnerCityStatus.Terminated => Terminated(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
