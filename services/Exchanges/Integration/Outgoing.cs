using Diplomacy.Contracts.Exchanges;
using Diplomacy.Exchanges.Exchanges;
using Diplomacy.Exchanges.Policies;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Messaging;
using JasperFx.Events;
using Marten;
using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Exchanges.Integration;

/// <summary>
/// The one place that decides what other services learn from Exchanges: an outcome that reports adoption
/// (piloting, adopted or scaled) with the intent to procure becomes a lead for the exports service. The
/// partner comes from the exchange replayed to that event's version, so a later change never leaks into an
/// earlier message; the policy's title and sector come from the catalogue (neither ever changes).
/// </summary>
public sealed class Outgoing : IIntegrationEventMapper
{
    /// <summary>Version 2 adds the "...Changed" events the portfolio learns from: the relay republishes the log once.</summary>
    public int Version => 2;

    /// <summary>The state of the stream after the event, for every event of every stream.</summary>
    public async ValueTask<object?> ChangedAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        var (version, change, on, at) = (@event.Version, @event.EventTypeName, ChangeDate.Of(@event.Data), @event.Timestamp);
        if (Policy.StoredEventNames.ContainsKey(@event.EventType))
            return await session.ReplayAsync<Policy>(@event.StreamId, @event.Version, ct: ct) is { } p
                ? new PolicyChanged(p.Id, version, change, on, p.Title, p.Department, p.Sector, p.SdgGoals, at)
                : null;
        if (Exchange.StoredEventNames.ContainsKey(@event.EventType))
            return await session.ReplayAsync<Exchange>(@event.StreamId, @event.Version, ct: ct) is { } x
                ? new ExchangeChanged(x.Id, version, change, on, x.PartnerCity, x.PartnerCountry.Value, JsonFilter.Text(x.Channel), x.NetworkId,
                    x.NetworkAcronym, x.PolicyIds, x.RequestedOn.ToString(), JsonFilter.Text(x.Status),
                    x.Modality is { } modality ? JsonFilter.Text(modality) : null, x.PlannedParticipants,
                    x.Funding is { } f ? new ExchangeFunding(f.Source, f.Amount.Amount, f.Amount.Currency.Value, f.ApprovedOn.ToString()) : null,
                    [.. x.Activities.Select(a => new ExchangeActivity(JsonFilter.Text(a.Kind), a.DeliveredOn.ToString(), a.Participants))],
                    [.. x.Outcomes.Select(o => new ExchangeOutcome(o.PolicyId, JsonFilter.Text(o.AdoptionLevel), o.IntendsToProcure, o.ReportedOn.ToString()))],
                    x.ClosedOn?.ToString(), x.CancelledOn?.ToString(), x.SuspendedOn?.ToString(), at)
                : null;
        return null;
    }

    public async ValueTask<object?> MapAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        if (@event.Data is not OutcomeReported { IntendsToProcure: true } outcome || !IsAdoption(outcome.AdoptionLevel)) return null;

        // Side by side: the replay reads on a connection of its own, and this is a round trip on every lead's way to Exports.
        var replaying = session.ReplayAsync<Exchange>(@event.StreamId, @event.Version, ct: ct);
        var loading = session.LoadAsync<Policy>(outcome.PolicyId, ct);
        await Task.WhenAll(replaying, loading);
        if (await replaying is not { } exchange || await loading is not { } policy) return null;

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
