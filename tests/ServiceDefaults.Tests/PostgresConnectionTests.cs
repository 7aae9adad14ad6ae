using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>The services' connection string on the real PostgreSQL: a reused pooled connection keeps what it prepared.</summary>
public sealed class PostgresConnectionTests : IAsyncLifetime
{
    private string _postgres = "";

    public async Task InitializeAsync() => _postgres = await TestServers.CreateDatabaseAsync("prepare");

    public Task DisposeAsync() => TestServers.DropDatabaseAsync(_postgres);

    [Fact]
    public async Task A_reused_pooled_connection_keeps_its_prepared_statements_and_releases_its_locks()
    {
        // One connection in the pool, so every open below reuses (and resets) the same one.
        await using var dataSource = new NpgsqlDataSourceBuilder(PostgresConnection.WithAutoPrepare(_postgres)) { ConnectionStringBuilder = { MaxPoolSize = 1 } }.Build();
        for (var i = 0; i < 10; i++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("select count(*) from pg_class where relname = $1", connection) { Parameters = { new() { Value = "pg_type" } } };
            Assert.Equal(1L, await command.ExecuteScalarAsync());
            await ScalarAsync(connection, "select pg_advisory_lock(4242)");
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            Assert.Equal(1L, await ScalarAsync(connection, "select count(*) from pg_prepared_statements where statement like '%relname = $1%'"));
            // The reset that keeps the statements still released the session lock taken before it.
            Assert.Equal(0L, await ScalarAsync(connection, AdvisoryLocksHeld));
        }
    }

    [Fact]
    public async Task The_event_stores_pooled_connection_is_not_reset_but_what_a_user_left_open_is_rolled_back()
    {
        var connectionString = PostgresConnection.ForEventStore(PostgresConnection.WithAutoPrepare(_postgres));
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString) { ConnectionStringBuilder = { MaxPoolSize = 1 } }.Build();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await ScalarAsync(connection, "select set_config('diplomacy.probe', 'kept', false)");
            await ScalarAsync(connection, "create table left_open (n int)");
            // Left open on purpose: the connection goes back to the pool inside a transaction holding a lock.
            var transaction = await connection.BeginTransactionAsync();
            await using var lockIt = new NpgsqlCommand("select pg_advisory_xact_lock(4343)", connection, transaction);
            await lockIt.ExecuteNonQueryAsync();
            await using var insert = new NpgsqlCommand("insert into left_open values (1)", connection, transaction);
            await insert.ExecuteNonQueryAsync();
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // Npgsql's reset runs RESET ALL: the session's setting surviving shows it did not run.
            Assert.Equal("kept", await ScalarAsync(connection, "select current_setting('diplomacy.probe', true)"));
            Assert.Equal(0L, await ScalarAsync(connection, AdvisoryLocksHeld));
            Assert.Equal(0L, await ScalarAsync(connection, "select count(*) from left_open"));
        }
    }

    [Fact]
    public async Task A_services_event_store_connects_with_prepared_statements_and_without_the_reset()
    {
        using var host = EventStoreHost.Build(_postgres);
        await using var connection = host.Services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection();
        var settings = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal((PostgresConnection.AutoPreparedStatements, true), (settings.MaxAutoPrepare, settings.NoResetOnClose));
    }

    [Theory]
    [InlineData("Host=db;Database=x", true)]
    [InlineData("Host=db;Database=x;No Reset On Close=false", false)]
    [InlineData("Host=db;Database=x;NoResetOnClose=false", false)]
    public void The_event_store_skips_the_reset_unless_the_operator_says_otherwise(string configured, bool expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnection.ForEventStore(configured)).NoResetOnClose);

    private const string AdvisoryLocksHeld = "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()";

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Theory]
    [InlineData("Host=db;Database=x", PostgresConnection.AutoPreparedStatements)]
    [InlineData("Host=db;Database=x;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=x;MaxAutoPrepare=5", 5)]
    public void An_operator_setting_wins_over_the_default(string configured, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnection.WithAutoPrepare(configured)).MaxAutoPrepare);
}
