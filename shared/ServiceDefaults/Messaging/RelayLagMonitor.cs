using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.Telemetry;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Diplomacy.ServiceDefaults.Messaging;

/// <summary>
/// Measures the outbox relay's lag every few seconds for <see cref="DiplomacyTelemetry.RelayLagEvents"/> and
/// <see cref="DiplomacyTelemetry.RelayLagSeconds"/>: the events after the relay's checkpoint in <c>mt_event_progression</c>,
/// and the age of the oldest of them. Every replica reports it (it is read from the shared database), whichever runs the relay.
/// </summary>
public sealed class RelayLagMonitor(
    AuditDatabase database, IDocumentStore store, IIntegrationEventMapper mapper, IHostEnvironment environment, ILogger<RelayLagMonitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        // The relay's shard is named after its mapping version ("outbox-relay:All", "outbox-relay-v2:All"); an event is pending
        // until its sequence is past that shard's checkpoint. Shards of earlier mapping versions no longer run and are ignored.
        var sql = $"""
            select count(*), min(e.timestamp)
            from "{schema}".mt_events e
            where e.seq_id > coalesce((select min(p.last_seq_id) from "{schema}".mt_event_progression p where p.name = '{OutboxRelay.NameFor(mapper)}:All'), 0)
            """;
        var service = environment.ApplicationName;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await using var command = database.DataSource.CreateCommand(sql);
                    await using var reader = await command.ExecuteReaderAsync(stoppingToken);
                    await reader.ReadAsync(stoppingToken);
                    DiplomacyTelemetry.ReportRelayLag(service, reader.GetInt64(0),
                        reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Before the schema exists, or while the database is away: the health checks say so; try again later.
                    // Never rethrown: a background service that throws stops the whole host.
                    logger.LogDebug(e, "Could not measure the relay lag");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            DiplomacyTelemetry.ForgetRelayLag(service);
        }
    }
}
