namespace Diplomacy.Contracts.PeaceBuilding;

/// <summary>A partner city or organisation of a peace-building program.</summary>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="Kind">"city" or "organisation".</param>
public sealed record PeacePartner(string Name, string Country, string Kind);

/// <summary>What one fund allocated to a program in one currency, and what was spent of it so far.</summary>
/// <param name="Currency">ISO 4217.</param>
public sealed record PeaceFundAmount(string Fund, string Currency, decimal Allocated, decimal Spent);
