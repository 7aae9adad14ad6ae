namespace Diplomacy.DemoData;

/// <summary>
/// Loads one service's share of the reference data through its HTTP API. Each service gets its own loader
/// (MembershipLoader, later ExchangesLoader, PeaceBuildingLoader, ExportsLoader, ...), registered in Program.cs
/// in dependency order. A loader must be idempotent: look each item up with the list endpoints first, create
/// only what is missing, and report every item as created or skipped.
/// </summary>
public interface IDemoLoader
{
    /// <summary>The service it loads, for the output ("Membership").</summary>
    string Name { get; }

    Task LoadAsync(ReferenceData data, ApiClient api, Report report, CancellationToken ct);
}
