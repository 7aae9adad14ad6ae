using Marten;

namespace Diplomacy.Exchanges.Integration;

/// <summary>
/// "Is Seoul's membership of this network active?": the Exchanges service's own answer, kept from the
/// Membership service's integration events (never by calling it). One document per network.
/// </summary>
public sealed class NetworkMembershipStatus
{
    /// <summary>The network's id in the Membership service.</summary>
    public Guid Id { get; set; }
    public Guid MembershipId { get; set; }
    public string Acronym { get; set; } = "";
    public bool Active { get; set; }
    /// <summary>When the membership became active (accepted or reinstated), as the Membership service dates it.</summary>
    public string? ActiveSince { get; set; }
    public string? EndedOn { get; set; }
    /// <summary>"lapsed" or "withdrawn" when the membership ended.</summary>
    public string? EndReason { get; set; }
    /// <summary>When the fact this document reflects happened; an older fact arriving late is ignored.</summary>
    public DateTimeOffset AsOf { get; set; }
    /// <summary>How many facts changed this document; a redelivered message does not.</summary>
    public int Changes { get; set; }

    /// <summary>True when a fact that happened at <paramref name="occurredAt"/> is older than what is known.</summary>
    public bool IsNewerThan(DateTimeOffset occurredAt) => AsOf > occurredAt;

    /// <summary>
    /// Records one membership fact about a network in <paramref name="session"/>, unless a later fact is already known:
    /// what every fact sets here, what this one sets in <paramref name="apply"/>.
    /// </summary>
    public static async Task RecordAsync(
        IDocumentSession session, Guid networkId, Guid membershipId, string acronym, DateTimeOffset occurredAt,
        Action<NetworkMembershipStatus> apply, CancellationToken ct)
    {
        var status = await session.LoadAsync<NetworkMembershipStatus>(networkId, ct)
            ?? new NetworkMembershipStatus { Id = networkId, AsOf = DateTimeOffset.MinValue };
        if (status.IsNewerThan(occurredAt)) return;

        status.MembershipId = membershipId;
        status.Acronym = acronym;
        apply(status);
        status.AsOf = occurredAt;
        status.Changes++;
        session.Store(status);
    }
}
