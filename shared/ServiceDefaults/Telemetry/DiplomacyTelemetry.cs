using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Diplomacy.ServiceDefaults.Telemetry;

/// <summary>The platform's own activity source and meter.</summary>
public static class DiplomacyTelemetry
{
    public const string SourceName = "Diplomacy";
    public static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(SourceName);

    public static readonly Counter<long> CommandsHandled = Meter.CreateCounter<long>("diplomacy.commands.handled");
    public static readonly Counter<long> CommandsRejected = Meter.CreateCounter<long>("diplomacy.commands.rejected");
    public static readonly Counter<long> EventsAppended = Meter.CreateCounter<long>("diplomacy.events.appended");
    public static readonly Counter<long> IntegrationEventsPublished = Meter.CreateCounter<long>("diplomacy.integration_events.published");
}
