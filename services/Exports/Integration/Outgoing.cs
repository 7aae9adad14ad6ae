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
    /// <summary>Version 2 adds the "...Changed" event the portfolio learns from: the relay republishes the log once.</summary>
    public int Version => 2;

    /// <summary>The project after the event, for every event of every project.</summary>
    public async ValueTask<object?> ChangedAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        if (!ExportProject.StoredEventNames.ContainsKey(@event.EventType)
            || await session.ReplayAsync<ExportProject>(@event.StreamId, @event.Version, ct: ct) is not { } p)
            return null;
        return new ExportProjectChanged(p.Id, @event.Version, @event.EventTypeName, ChangeDate.Of(@event.Data), p.Solution, p.ClientCity,
            p.ClientCountry.Value, JsonFilter.Text(p.Origin), p.ExchangeId, p.PolicyId, JsonFilter.Text(p.Status), p.IdentifiedOn?.ToString(),
            Amount(p.ProposalValue), p.ProposalSubmittedOn?.ToString(), Amount(p.ContractValue), p.ContractSignedOn?.ToString(),
            [.. p.Financing.Select(f => new ExportFinancing(JsonFilter.Text(f.Source), JsonFilter.Text(f.Instrument), Amount(f.Amount)!, f.Committed))],
            [.. p.Payments.Select(x => new ExportPayment(Amount(x.Amount)!, x.ReceivedOn.ToString()))],
            p.HandedOverOn?.ToString(), p.LostOn?.ToString(), p.LossReason, p.Winner, p.CancelledOn?.ToString(), @event.Timestamp);
    }

    private static ExportAmount? Amount(Diplomacy.ServiceDefaults.Domain.Money? money) => money is null ? null : new(money.Amount, money.Currency.Value);

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
