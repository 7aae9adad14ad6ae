using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Diplomacy.ServiceDefaults.EventStore;

public static class PostgresConnection
{
    /// <summary>How many statements each connection keeps prepared, unless the connection string says otherwise.</summary>
    public const int AutoPreparedStatements = 64;

    /// <summary>
    /// The service's <c>ConnectionStrings:Postgres</c>, with Npgsql's automatic preparation on unless the connection
    /// string sets <c>Max Auto Prepare</c> itself. Without prepared statements Npgsql resets a pooled connection with
    /// <c>DISCARD ALL</c> at every reuse, which also drops the plans PostgreSQL cached for Marten's append function and
    /// the hash-chain trigger, so every append planned them again. A connection holding prepared statements is reset
    /// without discarding plans (its advisory locks, settings and temporary tables are still released).
    /// </summary>
    public static string Postgres(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not configured.");
        return WithAutoPrepare(configured);
    }

    /// <summary><paramref name="connectionString"/> with <c>Max Auto Prepare</c> set, unless it sets it already.</summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(builder, "Max Auto Prepare")) builder.MaxAutoPrepare = AutoPreparedStatements;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The Marten store's connection string: <paramref name="connectionString"/> with <c>No Reset On Close</c>, unless it
    /// sets it itself. Marten takes a pooled connection for each statement outside a transaction, and Npgsql's reset at
    /// each reuse is seven statements more: a third of PostgreSQL's time per list read. Nothing the store runs leaves
    /// state behind for the next user: its temporary tables are dropped before they are made, a transaction left open
    /// (and its locks) is rolled back when its connection comes back, and the session-scoped locks (the daemon's
    /// leadership, the schema migration's) are unlocked before their connection comes back. A migration that fails keeps
    /// its lock, but then the process stops; were an unlock to fail on a connection that stays usable, Npgsql's
    /// <c>Connection Lifetime</c> (an hour) would end it. The webhook dispatcher's lock and the LISTEN connections use data
    /// sources of their own, which keep the reset.
    /// </summary>
    public static string ForEventStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(builder, "No Reset On Close")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    // Keys holds what the string sets, under canonical names (ContainsKey is true for every known keyword).
    private static bool Sets(NpgsqlConnectionStringBuilder builder, string keyword) => builder.Keys.Cast<string>().Contains(keyword);
}
