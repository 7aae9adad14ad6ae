using Diplomacy.Contracts.Exports;
using Diplomacy.Exports.Projects;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;
using JasperFx.Events;
using Marten;

namespace Diplomacy.Exports.Integration;

/// <summary>
/// The one place that decides what other services learn from Exports: a lead opened, a contract signed, a system
/// handed over, a project closed (completed, lost or cancelled). Facts from earlier events come from the stream
/// replayed to that event's version, so a later change never leaks into an earlier message.
/// </summary>
public sealed class Outgoing : IIntegrationEventMapper
{
    public async ValueTask<object?> MapAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        if (@event.Data is not (LeadIdentified or ContractSigned or SystemHandedOver or DefectsPeriodEnded or ExportLost or ExportCancelled))
            return null;
        var p = await session.ReplayAsync<ExportProject>(@event.StreamId, @event.Version, ct: ct);
        if (p is null) return null;
        var country = p.ClientCountry.Value;
        return @event.Data switch
        {
            LeadIdentified e => new ExportLeadOpened(
                p.Id, p.Solution, p.ClientCity, country, JsonFilter.Text(e.Origin), e.ExchangeId, e.IdentifiedOn?.ToString(), @event.Timestamp),
            ContractSigned e => new ExportContractSigned(
                p.Id, p.Solution, p.ClientCity, country, e.Value.Amount, e.Value.Currency.Value, p.ExchangeId, e.SignedOn.ToString(),
                [.. e.Consortium.Select(m => m.Firm)], @event.Timestamp),
            SystemHandedOver e => new ExportSystemHandedOver(
                p.Id, p.Solution, p.ClientCity, country, p.ExchangeId, e.HandedOverOn.ToString(), @event.Timestamp),
            DefectsPeriodEnded e => Closed(p, "completed", e.EndedOn.ToString(), null, @event),
            ExportLost e => Closed(p, "lost", e.LostOn.ToString(), e.Reason, @event),
            ExportCancelled e => Closed(p, "cancelled", e.CancelledOn.ToString(), e.Reason, @event),
            _ => null,
        };
    }

    private static ExportProjectClosed Closed(ExportProject p, string outcome, string on, string? reason, IEvent @event) =>
        new(p.Id, p.Solution, p.ClientCity, p.ClientCountry.Value, p.ExchangeId, outcome, on, reason, @event.Timestamp);
}
