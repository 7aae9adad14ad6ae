using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Http;
using Diplomacy.ServiceDefaults.Messaging;
using JasperFx.Events;
using Marten;

namespace Diplomacy.PeaceBuilding.Integration;

/// <summary>
/// The one place that decides what other services learn from PeaceBuilding: a program approved, suspended, resumed
/// or completed, with its partners, area and amounts. Those facts come from the stream replayed to that event's
/// version, so a later change never leaks into an earlier message.
/// </summary>
public sealed class Outgoing : IIntegrationEventMapper
{
    /// <summary>Version 2 adds the "...Changed" event the portfolio learns from: the relay republishes the log once.</summary>
    public int Version => 2;

    /// <summary>The program after the event, for every event of every program.</summary>
    public async ValueTask<object?> ChangedAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        if (!PeaceProgram.StoredEventNames.ContainsKey(@event.EventType)
            || await session.ReplayAsync<PeaceProgram>(@event.StreamId, @event.Version, ct: ct) is not { } p)
            return null;
        return new PeaceProgramChanged(p.Id, @event.Version, @event.EventTypeName, ChangeDate.Of(@event.Data), p.Title, JsonFilter.Text(p.Area),
            Partners(p), p.DacPurposeCode, p.SdgGoals, JsonFilter.Text(p.Status), p.RegisteredOn.ToString(), p.ApprovedOn?.ToString(), Funds(p),
            p.CurrentSuspension?.SuspendedOn.ToString(),
            p.CompletedOn?.ToString(), p.CancelledOn?.ToString(), @event.Timestamp);
    }

    public async ValueTask<object?> MapAsync(IEvent @event, IQuerySession session, CancellationToken ct)
    {
        if (@event.Data is not (ProgramApproved or ProgramSuspended or ProgramResumed or ProgramCompleted)) return null;

        var program = await session.ReplayAsync<PeaceProgram>(@event.StreamId, @event.Version, ct: ct);
        if (program is null) return null;
        var (title, area, partners, funds) = (program.Title, JsonFilter.Text(program.Area), Partners(program), Funds(program));
        return @event.Data switch
        {
            ProgramApproved e => new PeaceProgramApproved(program.Id, title, area, partners, funds, e.ApprovedOn.ToString(), @event.Timestamp),
            ProgramSuspended e => new PeaceProgramSuspended(
                program.Id, title, area, partners, funds, JsonFilter.Text(e.Reason), e.SuspendedOn.ToString(), @event.Timestamp),
            ProgramResumed e => new PeaceProgramResumed(program.Id, title, area, partners, funds, e.ResumedOn.ToString(), @event.Timestamp),
            ProgramCompleted e => new PeaceProgramCompleted(program.Id, title, area, partners, funds, e.CompletedOn.ToString(), @event.Timestamp),
            _ => null,
        };
    }

    private static IReadOnlyList<PeacePartner> Partners(PeaceProgram program) =>
        [.. program.Partners.Select(p => new PeacePartner(p.Name, p.Country.Value, JsonFilter.Text(p.Kind)))];

    private static IReadOnlyList<PeaceFundAmount> Funds(PeaceProgram program) =>
        [.. program.Funds.Select(f => new PeaceFundAmount(f.Fund, f.Currency.Value, f.Allocated, f.Spent))];
}
