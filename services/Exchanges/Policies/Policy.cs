using Diplomacy.ServiceDefaults.EventStore;

namespace Diplomacy.Exchanges.Policies;

/// <summary>An event of a policy in Seoul's catalogue.</summary>
public interface IPolicyEvent : IEventOf<Policy>;

/// <summary>
/// A policy Seoul offers to share entered the catalogue: its owning SMG department, its sector as an OECD DAC
/// CRS purpose code ("21020" road transport) and the SDG goals it serves.
/// </summary>
public sealed record PolicyCatalogued(
    string Title,
    string Department,
    string Sector,
    IReadOnlyList<int> SdgGoals,
    string Summary) : IPolicyEvent;

/// <summary>The policy's summary was rewritten; the earlier ones stay in the stream's history.</summary>
public sealed record PolicySummaryRevised(string Summary) : IPolicyEvent;

public enum PolicyStatus
{
    Catalogued = 1,
}

/// <summary>One of Seoul's shareable policies (TOPIS, the transit card system, Arisu water supply, ...): one stream each.</summary>
public sealed record Policy : IAggregate<Policy, IPolicyEvent>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public PolicyStatus Status { get; init; }
    public string Title { get; init; } = "";
    /// <summary>The SMG department that owns the policy and answers partners' questions about it.</summary>
    public string Department { get; init; } = "";
    /// <summary>OECD DAC CRS purpose code (5 digits).</summary>
    public string Sector { get; init; } = "";
    public IReadOnlyList<int> SdgGoals { get; init; } = [];
    public string Summary { get; init; } = "";
    /// <summary>How many times the summary was revised since it was catalogued.</summary>
    public int SummaryRevisions { get; init; }

    public static Policy? Fold(Policy? state, IPolicyEvent @event) => (state, @event) switch
    {
        (null, PolicyCatalogued e) => new Policy
        {
            Status = PolicyStatus.Catalogued,
            Title = e.Title,
            Department = e.Department,
            Sector = e.Sector,
            SdgGoals = e.SdgGoals,
            Summary = e.Summary,
        },
        (not null, PolicySummaryRevised e) => state with { Summary = e.Summary, SummaryRevisions = state.SummaryRevisions + 1 },
        _ => state,
    };

    public static IReadOnlyDictionary<Type, string> StoredEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(PolicyCatalogued)] = "policy_catalogued",
        [typeof(PolicySummaryRevised)] = "policy_summary_revised",
    };
}
