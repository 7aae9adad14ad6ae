using Marten;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Diplomacy.ServiceDefaults.Audit;

/// <summary>
/// Installs the hash chain: a trigger on Marten's event table that, in the transaction of every append,
/// hashes the event (type, data, version, timestamp, metadata) together with the hash of the previous
/// event of its stream and records it in <c>diplomacy_audit_chain</c>. The parts' own hashes are kept too,
/// so a verification can say not only that something changed but what.
/// </summary>
public sealed class AuditSchema(IDocumentStore store, AuditDatabase database, IHostEnvironment environment) : IHostedService
{
    /// <summary>
    /// The canonical text of the timestamp: UTC, microseconds, as in the export; "-infinity" or "infinity" for the
    /// store's placeholder events, whose timestamp is -infinity (to_char gives null for it).
    /// </summary>
    public const string TimestampSql = "coalesce(to_char({0} at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), {0}::text)";

    public string Schema => store.Options.Events.DatabaseSchemaName;

    /// <summary>Outside Production the chain is installed as the service starts; in Production by <see cref="EventStore.SchemaSetup"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken) =>
        EventStore.SchemaSetup.AppliesAtStart(environment) ? InstallAsync(cancellationToken) : Task.CompletedTask;

    public async Task InstallAsync(CancellationToken cancellationToken)
    {
        var schema = Schema;
        var timestamp = string.Format(System.Globalization.CultureInfo.InvariantCulture, TimestampSql, "e.timestamp");
        var sql = $$"""
            -- One installer at a time, even with several replicas starting together.
            select pg_advisory_xact_lock(hashtext('{{schema}}.diplomacy_audit_chain'));

            create temporary table diplomacy_chain_is_new on commit drop as
                select to_regclass('{{schema}}.diplomacy_audit_chain') is null as is_new;

            create table if not exists {{schema}}.diplomacy_audit_chain (
                seq_id        bigint primary key,
                stream_id     uuid   not null,
                version       bigint not null,
                previous_hash text   not null,
                hash          text   not null,
                content_hash  text   not null,
                metadata_hash text   not null,
                timestamp     text   not null);
            create index if not exists ix_diplomacy_audit_chain_stream on {{schema}}.diplomacy_audit_chain (stream_id, version);

            -- Stable, as convert_to is: declared immutable it was never inlined, and every hash ran as a function call of
            -- its own, which made the chain twice as costly per append.
            create or replace function {{schema}}.diplomacy_sha256(text) returns text language sql stable as
            $f$ select encode(sha256(convert_to($1, 'UTF8')), 'hex') $f$;

            create or replace function {{schema}}.diplomacy_chain(e {{schema}}.mt_events) returns void language plpgsql as $f$
            declare
                previous  text;
                -- Absent values hash as empty text, like the metadata: the store's placeholder events for sequence
                -- numbers a failed append had taken ("tombstones") leave some columns empty.
                stamp     text := coalesce({{timestamp}}, '');
                content   text := coalesce(e.type, '') || E'\n' || coalesce(e.data::text, '');
                metadata  text := coalesce(e.correlation_id, '') || E'\n' || coalesce(e.causation_id, '') || E'\n'
                                  || coalesce(e.user_name, '') || E'\n' || coalesce(e.headers::text, '');
            begin
                select c.hash into previous from {{schema}}.diplomacy_audit_chain c
                 where c.stream_id = e.stream_id and c.version = e.version - 1;
                previous := coalesce(previous, repeat('0', 64));
                insert into {{schema}}.diplomacy_audit_chain
                    (seq_id, stream_id, version, previous_hash, hash, content_hash, metadata_hash, timestamp)
                values (e.seq_id, e.stream_id, e.version, previous,
                        {{schema}}.diplomacy_sha256(previous || E'\n' || coalesce(e.stream_id::text, '') || E'\n' || coalesce(e.version::text, '')
                            || E'\n' || stamp || E'\n' || content || E'\n' || metadata),
                        {{schema}}.diplomacy_sha256(content), {{schema}}.diplomacy_sha256(metadata), stamp);
            end $f$;

            create or replace function {{schema}}.diplomacy_chain_event() returns trigger language plpgsql as $f$
            begin
                perform {{schema}}.diplomacy_chain(NEW);
                return NEW;
            end $f$;

            create or replace trigger diplomacy_chain_event after insert on {{schema}}.mt_events
                for each row execute function {{schema}}.diplomacy_chain_event();

            -- A store that had events before the chain existed gets them sealed once, in stream order, when the
            -- chain is first installed. Never later: an event slipped in past the trigger must stay visible.
            do $d$
            declare e {{schema}}.mt_events;
            begin
                if (select is_new from diplomacy_chain_is_new) then
                    for e in select * from {{schema}}.mt_events order by stream_id, version loop
                        perform {{schema}}.diplomacy_chain(e);
                    end loop;
                end if;
            end $d$;
            """;
        // The event table is Marten's; make sure it exists before hanging a trigger on it, even in a store
        // that has appended nothing yet.
        // Explicitly CreateOrUpdate: in Production the store itself is set to change nothing.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(JasperFx.Events.IEvent), cancellationToken);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Plain SQL access to the service's database for the audit reads, which stream rows Marten would buffer.</summary>
public sealed class AuditDatabase(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
}
