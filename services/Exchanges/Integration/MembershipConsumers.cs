using Diplomacy.Contracts.Membership;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Diplomacy.Exchanges.Integration;

/// <summary>
/// Seoul's membership of a network became active. Idempotent by message id (the base class); a fact older than
/// the one already known (an activation delivered after a later ending) changes nothing.
/// </summary>
public sealed class MembershipActivatedConsumer(IDocumentStore store) : IdempotentConsumer<MembershipActivated>(store)
{
    protected override async Task Handle(MembershipActivated message, IDocumentSession session, ConsumeContext context)
    {
        var status = await session.LoadAsync<NetworkMembershipStatus>(message.NetworkId, context.CancellationToken)
            ?? new NetworkMembershipStatus { Id = message.NetworkId, AsOf = DateTimeOffset.MinValue };
        if (status.IsNewerThan(message.OccurredAt)) return;

        status.MembershipId = message.MembershipId;
        status.Acronym = message.NetworkAcronym;
        status.Active = true;
        status.ActiveSince = message.ActiveSince;
        status.EndedOn = null;
        status.EndReason = null;
        status.AsOf = message.OccurredAt;
        status.Changes++;
        session.Store(status);
    }
}

/// <summary>Seoul's membership of a network lapsed or was withdrawn: a network-channel request is no longer allowed.</summary>
public sealed class MembershipEndedConsumer(IDocumentStore store) : IdempotentConsumer<MembershipEnded>(store)
{
    protected override async Task Handle(MembershipEnded message, IDocumentSession session, ConsumeContext context)
    {
        var status = await session.LoadAsync<NetworkMembershipStatus>(message.NetworkId, context.CancellationToken)
            ?? new NetworkMembershipStatus { Id = message.NetworkId, AsOf = DateTimeOffset.MinValue };
        if (status.IsNewerThan(message.OccurredAt)) return;

        status.MembershipId = message.MembershipId;
        status.Acronym = message.NetworkAcronym;
        status.Active = false;
        status.EndedOn = message.EndedOn;
        status.EndReason = message.Reason;
        status.AsOf = message.OccurredAt;
        status.Changes++;
        session.Store(status);
    }
}
