using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.TestSupport;
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
            await using var lockIt = new NpgsqlCommand("select pg_advisory_lock(4242)", connection);
            await lockIt.ExecuteNonQueryAsync();
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var prepared = new NpgsqlCommand("select count(*) from pg_prepared_statements where statement like '%relname = $1%'", connection);
            Assert.Equal(1L, await prepared.ExecuteScalarAsync());
            // The reset that keeps the statements still released the session lock taken before it.
            await using var locks = new NpgsqlCommand("select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()", connection);
            Assert.Equal(0L, await locks.ExecuteScalarAsync());
        }
    }

    [Theory]
    [InlineData("Host=db;Database=x", PostgresConnection.AutoPreparedStatements)]
    [InlineData("Host=db;Database=x;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=x;MaxAutoPrepare=5", 5)]
    public void An_operator_setting_wins_over_the_default(string configured, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnection.WithAutoPrepare(configured)).MaxAutoPrepare);
}
