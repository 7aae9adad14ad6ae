using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Diplomacy.Membership.Tests.Service;

/// <summary>
/// An append whose transaction fails after the events took their sequence numbers: the store then fills those numbers with
/// placeholder ("tombstone") events of its own, which the hash chain must seal like any event and the audit reads must show.
/// </summary>
public sealed class FailedAppendTests(MembershipServiceFactory service) : IClassFixture<MembershipServiceFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_failed_append_leaves_sealed_placeholders_and_an_intact_verifiable_log()
    {
        var (location, _) = await service.ProposeAsync(_client, "Da Nang");
        var id = Guid.Parse(location.ToString().Split('/')[^1]);

        var store = service.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(id, new CouncilApprovalGranted(PartialDate.Of(1996, 4), CouncilApprovalPurpose.Agreement));
            // Fails the transaction after the append has run and taken its sequence number.
            session.QueueSqlCommand("select 1 / 0");
            await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        }

        // The placeholder lands (asynchronously) in the event table, sealed by the chain.
        await Eventually.True(async () =>
        {
            await using var connection = new NpgsqlConnection(service.PostgresConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"select count(*) from mt_events e join diplomacy_audit_chain c on c.seq_id = e.seq_id where e.type = '{JasperFx.Events.Tombstone.Name}'", connection);
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }, TimeSpan.FromSeconds(15), "the placeholder event, sealed");

        // The failed event is not part of the initiative, which reads and verifies as before.
        var state = await _client.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal(1, state.GetProperty("version").GetInt64());
        Assert.True((await _client.GetFromJsonAsync<JsonElement>($"{location}/verify")).GetProperty("intact").GetBoolean());

        // The whole log verifies and exports, placeholders included, with nothing reported broken.
        var verification = await _client.GetStringAsync("/api/membership/audit/verify");
        var summary = JsonDocument.Parse(verification.Trim().Split('\n')[^1]).RootElement;
        Assert.True(summary.GetProperty("intact").GetBoolean(), verification);

        var export = await _client.GetAsync("/api/membership/audit/events");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var lines = (await export.Content.ReadAsStringAsync()).Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var placeholder = Assert.Single(lines, l => l.GetProperty("type").GetString() == "tombstone");
        Assert.Equal("-infinity", placeholder.GetProperty("timestamp").GetString());
        Assert.False(string.IsNullOrEmpty(placeholder.GetProperty("hash").GetString()));

        // A placeholder is checked like any event: altering it is found.
        await using (var connection = new NpgsqlConnection(service.PostgresConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($$"""update mt_events set data = '{"altered": true}' where type = '{{JasperFx.Events.Tombstone.Name}}'""", connection);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var afterTampering = (await _client.GetStringAsync("/api/membership/audit/verify")).Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var broken = Assert.Single(afterTampering, l => l.TryGetProperty("streamId", out _));
        Assert.Equal(placeholder.GetProperty("streamId").GetGuid(), broken.GetProperty("streamId").GetGuid());
        Assert.Equal("dataChanged", broken.GetProperty("break").GetString());
    }
}
