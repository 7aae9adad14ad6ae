using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.Reads;

public sealed record FunnelStage(string Stage, int Count, double? Conversion, double? MedianDays);

public sealed record FunnelFilter(string? Sector, int? Sdg, int? Year, Guid? Policy);

/// <summary>
/// Making, sharing, selling. The first stage counts catalogued policies; every later stage counts policies shared with a
/// city (one exchange, one policy), as far as each got. A stage's median time is the days from the stage before, over
/// the pairs that reached it with both dates known; the first shared stage counts from the policy's cataloguing.
/// </summary>
public static class Funnel
{
    public static readonly IReadOnlyList<string> Stages =
        ["catalogued", "shared", "delivered", "adopted", "intentToProcure", "lead", "proposal", "contract", "handedOver"];

    public static IReadOnlyList<FunnelStage> Of(Ledger l, FunnelFilter f)
    {
        var policies = l.Policies.Where(p => (f.Sector is null || p.Sector == f.Sector) && (f.Sdg is null || p.SdgGoals.Contains(f.Sdg.Value))
            && (f.Policy is null || p.PolicyId == f.Policy)).ToDictionary(p => p.PolicyId);
        var cataloguedOn = l.History.OfType<Contracts.Exchanges.PolicyChanged>().GroupBy(p => p.PolicyId)
            .ToDictionary(g => g.Key, g => Facts.DateOf(g.OrderBy(x => x.Version).First()));

        // Each pair's date at every stage it reached, null where it did not get there.
        var pairs = l.Exchanges
            .Where(x => f.Year is null || Facts.Day(x.RequestedOn)?.Year == f.Year)
            .SelectMany(x => x.PolicyIds.Where(policies.ContainsKey).Select(id =>
            {
                var outcome = x.Outcomes.LastOrDefault(o => o.PolicyId == id);
                var lead = l.Projects.Where(p => p.ExchangeId == x.ExchangeId && (p.PolicyId is null || p.PolicyId == id)).OrderBy(p => p.IdentifiedOn).FirstOrDefault();
                return new DateOnly?[]
                {
                    cataloguedOn.TryGetValue(id, out var c) ? c : null,
                    Facts.Day(x.RequestedOn),
                    x.Activities.Count > 0 ? x.Activities.Min(a => Facts.Day(a.DeliveredOn)) : null,
                    outcome is not null && Refs.Adopted(outcome.AdoptionLevel) ? Facts.Day(outcome.ReportedOn) : null,
                    x.Outcomes.FirstOrDefault(o => o.PolicyId == id && o.IntendsToProcure) is { } intent ? Facts.Day(intent.ReportedOn) : null,
                    lead is null ? null : Facts.Day(lead.IdentifiedOn) ?? DateOnly.MinValue,
                    Facts.Day(lead?.ProposalSubmittedOn),
                    Facts.Day(lead?.ContractSignedOn),
                    Facts.Day(lead?.HandedOverOn),
                };
            })).ToList();

        var result = new List<FunnelStage> { new(Stages[0], policies.Count, null, null) };
        var previous = policies.Count;
        for (var stage = 1; stage < Stages.Count; stage++)
        {
            var reached = pairs.Where(p => p[stage] is not null).ToList();
            var days = reached.Where(p => p[stage - 1] is { } from && from != DateOnly.MinValue && p[stage] != DateOnly.MinValue)
                .Select(p => (double)(p[stage]!.Value.DayNumber - p[stage - 1]!.Value.DayNumber)).ToList();
            result.Add(new(Stages[stage], reached.Count, previous == 0 ? null : Math.Round((double)reached.Count / previous, 4), Median(days)));
            previous = reached.Count;
        }
        return result;
    }

    public static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
