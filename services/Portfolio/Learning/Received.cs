using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.Portfolio.Learning;

/// <summary>
/// What the portfolio keeps of what it receives: each "...Changed" integration event is appended, as it came, to a
/// stream of the portfolio's own, one per initiative of another service (a tie, a membership, a network, a policy, an
/// exchange, a program, an export project). The views are projections of these streams, so they can be rebuilt and
/// audited like every other stream. Stream ids are name-based on the source id, so they never collide with goals.
/// </summary>
public static class Received
{
    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(NetworkChanged)] = "network_changed",
        [typeof(MembershipChanged)] = "membership_changed",
        [typeof(PartnerTieChanged)] = "partner_tie_changed",
        [typeof(PolicyChanged)] = "policy_changed",
        [typeof(ExchangeChanged)] = "exchange_changed",
        [typeof(PeaceProgramChanged)] = "peace_program_changed",
        [typeof(ExportProjectChanged)] = "export_project_changed",
    };

    /// <summary>The portfolio stream that keeps what it learns of one initiative of another service.</summary>
    public static Guid StreamOf(string collection, Guid sourceId) => DeterministicGuid.Create($"portfolio:{collection}", sourceId.ToString());
}
