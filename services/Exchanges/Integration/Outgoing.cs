using Diplomacy.Contracts.Exchanges;
using Diplomacy.Exchanges.Exchanges;
using Diplomacy.Exchanges.Policies;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Messaging;
using JasperFx.Events;
using Marten;

namespace Diplomacy.Exchanges.Integration;

/// <summary>
/// The one place that decides what other services learn from Exchanges: an outcome that reports adoption
/// (piloting, adopted or scaled) with the intent to procure becomes a lead for the exports service. The
/// partner comes from the exchange replayed to that event's version, so a later change never leaks into an
/// earlier message; the policy's title and sector come from the catalogue (neither ever changes).
/// </summary>
public sealed class Outgoing : IIntegrationEventMapper
{
    public async ValueTask<object?> MapAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        if (@event.Data is not OutcomeReported { IntendsToProcure: true } outcome || !IsAdoption(outcome.AdoptionLevel)) return null;

        var exchange = await session.ReplayAsync<Exchange>(@event.StreamId, @event.Version, ct: ct);
        var policy = await session.LoadAsync<Policy>(outcome.PolicyId, ct);
        if (exchange is null || policy is null) return null;

        return new PolicyAdoptedWithProcurementIntent(
            exchange.Id,
            policy.Id,
            policy.Title,
            policy.Sector,
            exchange.PartnerCity,
            exchange.PartnerCountry.Value,
            Text(outcome.AdoptionLevel),
            outcome.Evidence,
            outcome.ReportedOn.ToString(),
            @event.Timestamp);
    }

    private static bool IsAdoption(AdoptionLevel level) => level is AdoptionLevel.Piloting or AdoptionLevel.Adopted or AdoptionLevel.Scaled;

    private static string Text(AdoptionLevel level) => level switch
    {
        AdoptionLevel.Piloting => "piloting",
        AdoptionLevel.Adopted => "adopted",
        AdoptionLevel.Scaled => "scaled",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Only an adoption is published."),
    };
}
