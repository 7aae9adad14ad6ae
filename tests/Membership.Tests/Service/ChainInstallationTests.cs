using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.TestSupport;
using Npgsql;

namespace Diplomacy.Membership.Tests.Service;

/// <summary>
/// A store that held events before the hash chain existed is sealed once, when the chain is installed;
/// an event that slips past the chain later stays visible after any restart.
/// </summary>
public sealed class ChainInstallationTests : IAsyncLifetime
{
    private readonly MembershipServiceFactory _first = new();

    public Task InitializeAsync() => _first.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_first).DisposeAsync();

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_first.PostgresConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<JsonElement> RestartAndVerifyAllAsync()
    {
        await using var restarted = new MembershipServiceFactory();
        restarted.On(_first.PostgresConnection, _first.RabbitMq);
        var lines = (await restarted.CreateClient().GetStringAsync("/api/membership/audit/verify")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return JsonDocument.Parse(lines[^1]).RootElement;
    }

    [Fact]
    public async Task Events_from_before_the_chain_are_sealed_once_and_later_strays_stay_visible()
    {
        var client = _first.CreateClient();
        var (location, _) = await _first.ProposeAsync(client, "Hanoi");
        // As if these events had been appended by a version without the chain.
        await SqlAsync("drop trigger diplomacy_chain_event on mt_events; drop table diplomacy_audit_chain;");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" })).StatusCode);

        var sealedStore = await RestartAndVerifyAllAsync();
        Assert.True(sealedStore.GetProperty("intact").GetBoolean(), sealedStore.ToString());

        await SqlAsync("alter table mt_events disable trigger diplomacy_chain_event;");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{location}/agreement", new { signedOn = "1996-05" })).StatusCode);
        await SqlAsync("alter table mt_events enable trigger diplomacy_chain_event;");

        var afterStray = await RestartAndVerifyAllAsync();
        Assert.False(afterStray.GetProperty("intact").GetBoolean());
        Assert.Equal(1, afterStray.GetProperty("broken").GetInt64());
    }
}
