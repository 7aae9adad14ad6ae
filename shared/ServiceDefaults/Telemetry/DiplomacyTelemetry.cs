using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Diplomacy.ServiceDefaults.Telemetry;

/// <summary>
/// The platform's own activity source and meter. Consumer failures are not counted here: MassTransit's meter (exported with
/// this one) already counts them as <c>messaging.masstransit.consume.errors</c> (by consumer and exception type), with
/// <c>messaging.masstransit.consume.retries</c> beside it.
/// </summary>
public static class DiplomacyTelemetry
{
    public const string SourceName = "Diplomacy";
    public static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);

    public static readonly Counter<long> CommandsHandled = Meter.CreateCounter<long>("diplomacy.commands.handled");
    public static readonly Counter<long> CommandsRejected = Meter.CreateCounter<long>("diplomacy.commands.rejected");
    /// <summary>Creates and commands answered again for their Idempotency-Key, appending nothing: lost answers, retried.</summary>
    public static readonly Counter<long> CommandsReplayed = Meter.CreateCounter<long>("diplomacy.commands.replayed");
    public static readonly Counter<long> EventsAppended = Meter.CreateCounter<long>("diplomacy.events.appended");
    public static readonly Counter<long> IntegrationEventsPublished = Meter.CreateCounter<long>("diplomacy.integration_events.published");

    /// <summary>The relay lag of every event store in this process, by service (one per process outside tests).</summary>
    private static readonly ConcurrentDictionary<string, RelayLag> Lags = new();

    /// <summary>Events committed to the store that the outbox relay has not processed yet.</summary>
    public static readonly ObservableGauge<long> RelayLagEvents = Meter.CreateObservableGauge(
        "diplomacy.relay.lag.events",
        () => Lags.Select(lag => new Measurement<long>(lag.Value.Events, new KeyValuePair<string, object?>("service", lag.Key))),
        unit: "{event}", description: "Events committed but not yet processed by the outbox relay.");

    /// <summary>How long the oldest of those has been waiting; 0 when there are none.</summary>
    public static readonly ObservableGauge<double> RelayLagSeconds = Meter.CreateObservableGauge(
        "diplomacy.relay.lag.seconds",
        () => Lags.Select(lag => new Measurement<double>(lag.Value.OldestAgeSeconds(), new KeyValuePair<string, object?>("service", lag.Key))),
        unit: "s", description: "Age of the oldest event committed but not yet processed by the outbox relay.");

    /// <summary>Records the latest relay lag measured for <paramref name="service"/>.</summary>
    public static void ReportRelayLag(string service, long events, DateTimeOffset? oldest) =>
        Lags[service] = new RelayLag(events, oldest);

    public static void ForgetRelayLag(string service) => Lags.TryRemove(service, out _);

    private readonly record struct RelayLag(long Events, DateTimeOffset? Oldest)
    {
        public double OldestAgeSeconds() => Oldest is { } at ? Math.Max(0, (DateTimeOffset.UtcNow - at).TotalSeconds) : 0;
    }
}
