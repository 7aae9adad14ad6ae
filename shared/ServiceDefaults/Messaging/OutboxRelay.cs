using System.Diagnostics;
using Diplomacy.ServiceDefaults.Telemetry;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Diplomacy.ServiceDefaults.Messaging;

/// <summary>
/// The event store is the outbox: this subscription reads committed events in order, publishes the
/// integration events the service's mapper makes of them, and checkpoints in the same database.
/// A crash between publish and checkpoint publishes again, so the message id is the event id and
/// consumers de-duplicate on it.
/// </summary>
public sealed class OutboxRelay : SubscriptionBase
{
    public const string TraceParentHeader = "traceparent";

    /// <summary>How many initiatives of one page are mapped and published side by side.</summary>
    public const int ParallelStreams = 16;

    /// <summary>
    /// How long one publish may wait for the broker's confirm. A confirm lost with its connection must not hold the relay
    /// for good: past this the page fails, the daemon restarts the relay, and the page is published again.
    /// </summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    private readonly IBus _bus;
    private readonly IIntegrationEventMapper _mapper;
    private readonly ILogger<OutboxRelay> _logger;

    public OutboxRelay(IBus bus, IIntegrationEventMapper mapper, ILogger<OutboxRelay> logger)
    {
        (_bus, _mapper, _logger) = (bus, mapper, logger);
        Name = NameFor(mapper);
    }

    /// <summary>"outbox-relay" for the first mapping, "outbox-relay-v2" and on after: a new name starts from the first event.</summary>
    public static string NameFor(IIntegrationEventMapper mapper) => mapper.Version <= 1 ? "outbox-relay" : $"outbox-relay-v{mapper.Version}";

    /// <summary>
    /// The message id of the <paramref name="index"/>-th integration event made of <paramref name="event"/>: the event id for
    /// the first (as it always was), a name-based id from the event id and the message type for the others, so a
    /// republished event gets the same ids again.
    /// </summary>
    public static Guid MessageIdOf(IEvent @event, int index, Type messageType) =>
        index == 0 ? @event.Id : Domain.DeterministicGuid.Create(@event.Id.ToString(), messageType.FullName ?? messageType.Name);

    /// <remarks>
    /// Each initiative's events are mapped and published in order, one after the other, each publish awaiting the broker's
    /// confirm; different initiatives go side by side, each with a query session of its own. One at a time, the relay
    /// published about 100 events a second and fell behind a steady load of commands. The checkpoint moves only after the
    /// whole page is confirmed.
    /// </remarks>
    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var streams = page.Events.GroupBy(e => e.StreamId).ToList();
        // A page of one initiative (the usual case on a quiet platform) needs no session of its own.
        if (streams.Count == 1)
            await RelayStreamAsync(streams[0], operations, cancellationToken);
        else
            await Parallel.ForEachAsync(streams, new ParallelOptions { MaxDegreeOfParallelism = ParallelStreams, CancellationToken = cancellationToken },
                async (stream, ct) =>
                {
                    // The store is taken from the page's session: the relay is created while the store is being built.
                    await using var session = operations.DocumentStore.QuerySession();
                    await RelayStreamAsync(stream, session, ct);
                });
        return NullChangeListener.Instance;
    }

    private async Task RelayStreamAsync(IEnumerable<IEvent> stream, IQuerySession session, CancellationToken cancellationToken)
    {
        // The mapper replays the stream to each event; from the second replay on, the page's own events are folded onto the
        // state before instead of read again (a round trip per message saved).
        var events = stream.ToList();
        using var replays = EventStore.Replay.Remember(events);
        foreach (var @event in events)
        {
            // The event's own message goes out before its "...Changed" is made: consumers waiting for it get it a replay sooner.
            var index = 0;
            if (await _mapper.MapAsync(@event, session, cancellationToken) is { } message)
                await PublishAsync(@event, message, MessageIdOf(@event, index++, message.GetType()), cancellationToken);
            if (await _mapper.ChangedAsync(@event, session, cancellationToken) is { } changed)
                await PublishAsync(@event, changed, MessageIdOf(@event, index, changed.GetType()), cancellationToken);
        }
    }

    private async Task PublishAsync(IEvent @event, object message, Guid messageId, CancellationToken cancellationToken)
    {
        // Continue the trace of the command that appended the event, so consumers join it: the relay's span is a child
        // of the request's span (stored at append), never of whatever the daemon is doing, and MassTransit's send span
        // and the traceparent it writes into the message headers come from Activity.Current, which is this span.
        Activity.Current = null;
        using var activity = DiplomacyTelemetry.Source.StartActivity(
            $"relay {message.GetType().Name}", ActivityKind.Producer, ParentOf(@event));
        activity?.SetTag("diplomacy.event.sequence", @event.Sequence);
        activity?.SetTag("diplomacy.stream.id", @event.StreamId.ToString());

        await _bus.Publish(message, message.GetType(), context =>
        {
            context.MessageId = messageId;
            if (Guid.TryParse(@event.CorrelationId, out var correlation)) context.CorrelationId = correlation;
            context.Headers.Set("diplomacy-stream-id", @event.StreamId.ToString());
            context.Headers.Set("diplomacy-stream-version", @event.Version);
        }, cancellationToken).WaitAsync(PublishTimeout, cancellationToken);

        DiplomacyTelemetry.IntegrationEventsPublished.Add(1);
        _logger.LogDebug("Published {Message} for event {Sequence}", message.GetType().Name, @event.Sequence);
    }

    /// <summary>The trace context of the request that appended <paramref name="event"/>, or none (a new trace).</summary>
    public static ActivityContext ParentOf(IEvent @event) =>
        @event.Headers is not null && @event.Headers.TryGetValue(TraceParentHeader, out var value)
        && ActivityContext.TryParse(value?.ToString(), null, isRemote: true, out var parent)
            ? parent
            : default;
}
