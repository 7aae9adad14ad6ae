using Diplomacy.ServiceDefaults.Audit;
using Diplomacy.ServiceDefaults.Health;
using Diplomacy.ServiceDefaults.Http;
using JasperFx;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using JasperFx.Core;
using Marten;
using Weasel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Diplomacy.ServiceDefaults.EventStore;

public static class EventStoreExtensions
{
    /// <summary>
    /// The service's Marten store on its own database (<c>ConnectionStrings:Postgres</c>): full event metadata,
    /// wake-up after commit (<see cref="AppendWakeup"/>), the async daemon in HotCold mode so several replicas are safe.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this IHostApplicationBuilder builder, Action<StoreOptions> configure)
    {
        var connectionString = PostgresConnection.Postgres(builder.Configuration);

        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: "postgres", tags: [HealthExtensions.ReadyTag]);

        // The hash chain and the audit reads that every service exposes.
        builder.Services.AddSingleton(new AuditDatabase(NpgsqlDataSource.Create(connectionString)));
        builder.Services.AddSingleton<AuditSchema>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditSchema>());
        builder.Services.AddSingleton<AuditReader>();

        builder.Services.AddSingleton(sp => new AppendWakeup(connectionString, sp.GetRequiredService<ILoggerFactory>().CreateLogger<AppendWakeup>()));
        builder.Services.AddSingleton<IConfigureMarten, AppendWakeupConfiguration>();

        var appliesAtStart = SchemaSetup.AppliesAtStart(builder.Environment);
        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(PostgresConnection.ForEventStore(connectionString));
                // Stored events keep their nulls and read leniently, so an added optional field never breaks an old event.
                options.UseSystemTextJsonForSerialization(casing: Casing.CamelCase, configure: JsonDefaults.ApplyShape);
                // Production changes no schema at start: SchemaSetup's --apply-schema run does.
                options.AutoCreateSchemaObjects = appliesAtStart ? AutoCreate.CreateOrUpdate : AutoCreate.None;

                options.Events.MetadataConfig.EnableAll();
                options.Events.MetadataConfig.UserNameEnabled = true;
                // Not UseListenNotifyForEventAppends: its NOTIFY in every append transaction serialises commits (AppendWakeup).

                // An event the code cannot apply is a bug to fix, not something to skip silently.
                options.Projections.Errors.SkipApplyErrors = false;
                options.Projections.Errors.SkipSerializationErrors = false;
                options.Projections.Errors.SkipUnknownEvents = false;

                configure(options);
            })
            .UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.HotCold);
        return appliesAtStart ? marten.ApplyAllDatabaseChangesOnStartup() : marten;
    }

    private sealed class AppendWakeupConfiguration(AppendWakeup wakeup) : IConfigureMarten
    {
        public void Configure(IServiceProvider services, StoreOptions options)
        {
            options.Projections.Wakeup = wakeup;
            options.Listeners.Add(wakeup.Listener);
        }
    }

    /// <summary>Registers an aggregate: its explicit event names and its inline snapshot, which reads and lists use.</summary>
    public static StoreOptions AddAggregate<T>(this StoreOptions options) where T : class, IAggregate<T>
    {
        foreach (var (type, name) in T.StoredEventNames) options.Events.MapEventType(type, name);
        options.Projections.Add(new AggregateProjection<T>(), ProjectionLifecycle.Inline);
        return options;
    }
}
