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
    protected override Task Handle(MembershipActivated message, IDocumentSession session, ConsumeContext context) =>
        NetworkMembershipStatus.RecordAsync(session, message.NetworkId, message.MembershipId, message.NetworkAcronym, message.OccurredAt,
            status => (status.Active, status.ActiveSince, status.EndedOn, status.EndReason) = (true, message.ActiveSince, null, null),
            context.CancellationToken);
}

/// <summary>Seoul's membership of a network lapsed or was withdrawn: a network-channel request is no longer allowed.</summary>
public sealed class MembershipEndedConsumer(IDocumentStore store) : IdempotentConsumer<MembershipEnded>(store)
{
    protected override Task Handle(MembershipEnded message, IDocumentSession session, ConsumeContext context) =>
        NetworkMembershipStatus.RecordAsync(session, message.NetworkId, message.MembershipId, message.NetworkAcronym, message.OccurredAt,
            status => (status.Active, status.EndedOn, status.EndReason) = (false, message.EndedOn, message.Reason),
            context.CancellationToken);
}
