using System.Text.Json.Serialization;
using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.Portfolio.Learning;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.Portfolio.Views;

/// <summary>
/// What the portfolio knows of one initiative of another service: every change it received, ordered by the source's
/// version with one change per version, so duplicates and late arrivals leave it as it would have been in order.
/// </summary>
public abstract class View<TFact> where TFact : class
{
    public Guid Id { get; set; }
    public List<TFact> Changes { get; set; } = [];

    [JsonIgnore] public TFact Current => Changes[^1];

    /// <summary>The initiative as it was known on <paramref name="date"/> (by the dates its changes name), or null before it began.</summary>
    public TFact? AsOf(PartialDate? date) =>
        date is null ? Current : Changes.LastOrDefault(c => Facts.DateOf(c) <= date.Latest);
}

public sealed class NetworkView : View<NetworkChanged>;
public sealed class MembershipView : View<MembershipChanged>;
public sealed class TieView : View<PartnerTieChanged>;
public sealed class PolicyView : View<PolicyChanged>;
public sealed class ExchangeView : View<ExchangeChanged>;
public sealed class ProgramView : View<PeaceProgramChanged>;
public sealed class ProjectView : View<ExportProjectChanged>;

/// <summary>The parts every received change has, read the same way for each kind.</summary>
public static class Facts
{
    public static long VersionOf(object fact) => fact switch
    {
        NetworkChanged f => f.Version,
        MembershipChanged f => f.Version,
        PartnerTieChanged f => f.Version,
        PolicyChanged f => f.Version,
        ExchangeChanged f => f.Version,
        PeaceProgramChanged f => f.Version,
        ExportProjectChanged f => f.Version,
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.GetType().Name, "Not a received change."),
    };

    public static (string Change, string? On, DateTimeOffset At) WhatOf(object fact) => fact switch
    {
        NetworkChanged f => (f.Change, f.ChangedOn, f.OccurredAt),
        MembershipChanged f => (f.Change, f.ChangedOn, f.OccurredAt),
        PartnerTieChanged f => (f.Change, f.ChangedOn, f.OccurredAt),
        PolicyChanged f => (f.Change, f.ChangedOn, f.OccurredAt),
        ExchangeChanged f => (f.Change, f.ChangedOn, f.OccurredAt),
        PeaceProgramChanged f => (f.Change, f.ChangedOn, f.OccurredAt),
        ExportProjectChanged f => (f.Change, f.ChangedOn, f.OccurredAt),
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact.GetType().Name, "Not a received change."),
    };

    /// <summary>
    /// The day a change happened: the earliest day of the date it names ("2014" is 2014-01-01), else the day it was
    /// recorded. The same rule maps partial dates to full dates in the IATI file.
    /// </summary>
    public static DateOnly DateOf(object fact)
    {
        var (_, on, at) = WhatOf(fact);
        return Day(on) ?? DateOnly.FromDateTime(at.UtcDateTime);
    }

    public static DateOnly? Day(string? partialDate) => PartialDate.TryParse(partialDate, out var d) ? d.Earliest : null;

    /// <summary>The last day a partial date can mean ("2026" is 2026-12-31).</summary>
    public static DateOnly? LastDay(string? partialDate) => PartialDate.TryParse(partialDate, out var d) ? d.Latest : null;

    public static string CollectionOf(object fact) => fact switch
    {
        NetworkChanged => Collections.Networks,
        MembershipChanged => Collections.Memberships,
        PartnerTieChanged => Collections.PartnerCities,
        PolicyChanged => Collections.Policies,
        ExchangeChanged => Collections.Exchanges,
        PeaceProgramChanged => Collections.Programs,
        _ => Collections.Projects,
    };
}
