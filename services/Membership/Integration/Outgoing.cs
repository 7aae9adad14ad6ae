using Diplomacy.Contracts.Membership;
using Diplomacy.Membership.Memberships;
using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Messaging;
using JasperFx.Events;
using Marten;
using MembershipState = Diplomacy.Membership.Memberships.Membership;

namespace Diplomacy.Membership.Integration;

/// <summary>
/// The one place that decides what other services learn from Membership. Facts from earlier events
/// (the network, the city) come from the stream replayed to that event's version, so a later change
/// never leaks into an earlier message.
/// </summary>
public sealed class Outgoing : IIntegrationEventMapper
{
    public async ValueTask<object?> MapAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        switch (@event.Data)
        {
            case MembershipAccepted or MembershipReinstated or MembershipLapsed or MembershipWithdrawn:
                var membership = await session.ReplayAsync<MembershipState>(@event.StreamId, @event.Version, ct: ct);
                return membership is null ? null : @event.Data switch
                {
                    MembershipAccepted e => Activated(membership, e.AcceptedOn, @event),
                    MembershipReinstated e => Activated(membership, e.ReinstatedOn, @event),
                    MembershipLapsed e => Ended(membership, "lapsed", e.LapsedOn, @event),
                    // Withdrawing an application that was never accepted ends nothing others knew of.
                    MembershipWithdrawn e when membership.AcceptedOn is not null => Ended(membership, "withdrawn", e.WithdrawnOn, @event),
                    _ => null,
                };

            case AgreementSigned or TieUpgradedToSister or TieTerminated:
                var tie = await session.ReplayAsync<PartnerCity>(@event.StreamId, @event.Version, ct: ct);
                return tie is null ? null : @event.Data switch
                {
                    AgreementSigned e => Signed(tie, e.SignedOn, @event),
                    TieUpgradedToSister e => Signed(tie, e.UpgradedOn, @event),
                    TieTerminated e => new PartnerTieTerminated(
                        tie.Id, tie.City, tie.Country.Value, Text(tie.Tie), e.TerminatedOn.ToString(), @event.Timestamp),
                    _ => null,
                };

            default:
                return null;
        }
    }

    private static MembershipActivated Activated(MembershipState m, PartialDate since, IEvent @event) =>
        new(m.Id, m.NetworkId, m.NetworkAcronym, since.ToString(), @event.Timestamp);

    private static MembershipEnded Ended(MembershipState m, string reason, PartialDate on, IEvent @event) =>
        new(m.Id, m.NetworkId, m.NetworkAcronym, reason, on.ToString(), @event.Timestamp);

    private static PartnerTieSigned Signed(PartnerCity tie, PartialDate on, IEvent @event) =>
        new(tie.Id, tie.City, tie.Country.Value, Text(tie.Tie), on.ToString(), @event.Timestamp);

    private static string Text(TieType tie) => tie == TieType.Sister ? "sister" : "friendship";
}
