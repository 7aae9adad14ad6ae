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
public sealed class AuditSchema(IDocumentStore store, AuditDatabase database) : IHostedService
{
    /// <summary>The canonical text of the timestamp: UTC, microseconds, as in the export.</summary>
    public const string TimestampSql = "to_char({0} at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    public string Schema => store.Options.Events.DatabaseSchemaName;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var schema = Schema;
        var timestamp = string.Format(System.Globalization.CultureInfo.InvariantCulture, TimestampSql, "NEW.timestamp");
        var sql = $$"""
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

            create or replace function {{schema}}.diplomacy_sha256(text) returns text language sql immutable as
            $f$ select encode(sha256(convert_to($1, 'UTF8')), 'hex') $f$;

            create or replace function {{schema}}.diplomacy_chain_event() returns trigger language plpgsql as $f$
            declare
                previous  text;
                stamp     text := {{timestamp}};
                content   text := NEW.type || E'\n' || NEW.data::text;
                metadata  text := coalesce(NEW.correlation_id, '') || E'\n' || coalesce(NEW.causation_id, '') || E'\n'
                                  || coalesce(NEW.user_name, '') || E'\n' || coalesce(NEW.headers::text, '');
            begin
                select c.hash into previous from {{schema}}.diplomacy_audit_chain c
                 where c.stream_id = NEW.stream_id and c.version = NEW.version - 1;
                previous := coalesce(previous, repeat('0', 64));
                insert into {{schema}}.diplomacy_audit_chain
                    (seq_id, stream_id, version, previous_hash, hash, content_hash, metadata_hash, timestamp)
                values (NEW.seq_id, NEW.stream_id, NEW.version, previous,
                        {{schema}}.diplomacy_sha256(previous || E'\n' || NEW.stream_id::text || E'\n' || NEW.version::text
                            || E'\n' || stamp || E'\n' || content || E'\n' || metadata),
                        {{schema}}.diplomacy_sha256(content), {{schema}}.diplomacy_sha256(metadata), stamp);
                return NEW;
            end $f$;

            create or replace trigger diplomacy_chain_event after insert on {{schema}}.mt_events
                for each row execute function {{schema}}.diplomacy_chain_event();
            """;
        // The event table is Marten's; make sure it exists before hanging a trigger on it.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        // A store with no aggregate registered yet has no event table either: create it.
        await store.Storage.Database.EnsureStorageExistsAsync(typeof(JasperFx.Events.IEvent), cancellationToken);
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Plain SQL access to the service's database for the audit reads, which stream rows Marten would buffer.</summary>
public sealed class AuditDatabase(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
}
