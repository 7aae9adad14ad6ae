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
        // Keys holds what the string sets, under canonical names (ContainsKey is true for every known keyword).
        if (!builder.Keys.Cast<string>().Contains("Max Auto Prepare")) builder.MaxAutoPrepare = AutoPreparedStatements;
        return builder.ConnectionString;
    }
}
