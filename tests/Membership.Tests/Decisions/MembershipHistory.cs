namespace Diplomacy.Membership.Tests.Decisions;

// Inside the namespace: from Diplomacy.Membership.Tests, a bare "Membership" would otherwise bind to the
// namespace Diplomacy.Membership before the usings of the file are looked at.
using Diplomacy.Membership.Memberships;
using Diplomacy.ServiceDefaults.Domain;

/// <summary>The histories the membership decision tests start from: Seoul's membership of Metropolis.</summary>
internal static class MembershipHistory
{
    public static readonly Guid MetropolisId = Guid.Parse("6f1c2a5e-6a44-4c51-9d8e-0b8f2f3c1a01");

    public static PartialDate D(string text) => PartialDate.Parse(text);
    public static Money Usd(decimal amount) => new(amount, CurrencyCode.Parse("USD"));
    public static Money Eur(decimal amount) => new(amount, CurrencyCode.Parse("EUR"));

    public static readonly MembershipApplied Applied = new(MetropolisId, "Metropolis", D("1987-03"));
    public static readonly MembershipAccepted Accepted = new(D("1987-06"));
    public static readonly RoleElected CoPresident = new(Role.CoPresident, D("2024"), D("2026"), null);
    public static readonly HostingCommitted Congress = new(HostingKind.Congress, "7th World Congress", D("2002-05"));

    public static IMembershipEvent[] Active(params IMembershipEvent[] later) => [Applied, Accepted, .. later];
    public static IMembershipEvent[] Lapsed() => Active(new MembershipLapsed(D("1999")));
    public static IMembershipEvent[] Withdrawn() => Active(new MembershipWithdrawn(D("2001"), null));
    public static IMembershipEvent[] WithdrawnApplication() => [Applied, new MembershipWithdrawn(D("1987-04"), null)];

    public static IMembershipEvent[] InStatus(MembershipStatus status) => status switch
    {
        MembershipStatus.Applied => [Applied],
        MembershipStatus.Active => Active(),
        MembershipStatus.Lapsed => Lapsed(),
        MembershipStatus.Withdrawn => Withdrawn(),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
