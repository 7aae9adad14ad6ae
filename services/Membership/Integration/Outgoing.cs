using Diplomacy.Contracts.Membership;
using Diplomacy.Membership.Memberships;
using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Messaging;
using JasperFx.Events;
using Marten;
using MembershipState = Diplomacy.Membership.Memberships.Membership;
using Diplomacy.Membership.Networks;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Membership.Integration;

/// <summary>
/// The one place that decides what other services learn from Membership. Facts from earlier events
/// (the network, the city) come from the stream replayed to that event's version, so a later change
/// never leaks into an earlier message.
/// </summary>
public sealed class Outgoing : IIntegrationEventMapper
{
    /// <summary>Version 2 adds the "...Changed" events the portfolio learns from: the relay republishes the log once.</summary>
    public int Version => 2;

    /// <summary>The state of the stream after the event, for every event of every stream.</summary>
    public async ValueTask<object?> ChangedAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        var (version, change, on, at) = (@event.Version, @event.EventTypeName, ChangeDate.Of(@event.Data), @event.Timestamp);
        if (Network.StoredEventNames.ContainsKey(@event.EventType))
            return await session.ReplayAsync<Network>(@event.StreamId, @event.Version, ct: ct) is { } n
                ? new NetworkChanged(n.Id, version, change, on, n.Acronym, n.Name, n.Founded, n.HeadquartersCity, n.HeadquartersCountry.Value, n.Themes, at)
                : null;
        if (MembershipState.StoredEventNames.ContainsKey(@event.EventType))
            return await session.ReplayAsync<MembershipState>(@event.StreamId, @event.Version, ct: ct) is { } m
                ? new MembershipChanged(m.Id, version, change, on, m.NetworkId, m.NetworkAcronym, JsonFilter.Text(m.Status), m.AppliedOn.ToString(),
                    m.AcceptedOn?.ToString(), (m.LapsedOn ?? m.WithdrawnOn)?.ToString(),
                    [.. m.Roles.Select(r => new MembershipRoleTerm(JsonFilter.Text(r.Role), r.TermStart.ToString(), r.TermEnd?.ToString(), r.Ended))],
                    [.. m.Hostings.Select(h => new MembershipHosting(JsonFilter.Text(h.Kind), h.Title, h.PlannedOn.ToString(), h.DeliveredOn?.ToString()))],
                    [.. m.Fees.Select(f => new MembershipFee(f.Year, f.Assessed.Amount, f.Assessed.Currency.Value, f.Paid?.Amount, f.Paid?.Currency.Value, f.PaidOn?.ToString()))],
                    at)
                : null;
        if (PartnerCity.StoredEventNames.ContainsKey(@event.EventType))
            return await session.ReplayAsync<PartnerCity>(@event.StreamId, @event.Version, ct: ct) is { } t
                ? new PartnerTieChanged(t.Id, version, change, on, t.City, t.Country.Value, JsonFilter.Text(t.Jurisdiction), Text(t.Tie),
                    JsonFilter.Text(t.Status), t.ProposedOn.ToString(), t.AgreementSignedOn?.ToString(), t.SuspendedOn?.ToString(), t.TerminatedOn?.ToString(), at)
                : null;
        return null;
    }

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
