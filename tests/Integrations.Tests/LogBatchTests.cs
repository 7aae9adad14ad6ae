using System.Text.Json;
using Diplomacy.ServiceDefaults.Security;
using Diplomacy.TestSupport;
using Npgsql;

namespace Diplomacy.Integrations.Tests;

/// <summary>The log written in batches: a burst from many publishers at once, on the real broker and database.</summary>
public sealed class LogBatchTests(IntegrationsServiceFactory service) : IClassFixture<IntegrationsServiceFactory>
{
    private const int Initiatives = 8;
    private const int Versions = 40;

    [Fact]
    public async Task A_burst_is_logged_once_each_in_each_initiatives_order_with_its_own_metadata_in_fewer_transactions()
    {
        service.CreateClient().Dispose();
        await service.WaitForBusAsync();
        await using var publisher = await Publisher.StartAsync(service.RabbitMq);
        var ties = Enumerable.Range(0, Initiatives).Select(_ => Guid.NewGuid()).ToArray();

        // Eight relays at once, each publishing its initiative's events one after the other, as a relay does; the first
        // of each again at the end (a relay republishing after a crash).
        var published = await Task.WhenAll(ties.Select(async tie =>
        {
            var ids = new List<Guid>();
            for (var v = 1; v <= Versions; v++) ids.Add(await publisher.TieSignedAsync(tie, v));
            await publisher.TieSignedAsync(tie, 1, ids[0]);
            return (Tie: tie, Ids: ids);
        }));

        var viewer = service.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new("Bearer", service.Tokens.Mint(Roles.Viewer, "audit-office"));
        var subjects = ties.Select(t => t.ToString()).ToHashSet();
        var logged = await Eventually.Get(async () =>
        {
            var items = (await IntegrationsServiceFactory.GetJsonAsync(viewer, "/api/integrations/events?limit=1000")).GetProperty("items")
                .EnumerateArray().Where(e => subjects.Contains(e.GetProperty("subject").GetString()!)).ToList();
            return items.Count >= Initiatives * Versions ? items : null;
        }, TimeSpan.FromSeconds(60), "every message of the burst in the feed");

        // Once each (the republished firsts were not logged again), and each initiative's events in its relay's order.
        Assert.Equal(Initiatives * Versions, logged.Count);
        foreach (var (tie, ids) in published)
        {
            var ofTie = logged.Where(e => e.GetProperty("subject").GetString() == tie.ToString()).ToList();
            Assert.Equal(ids.Select(id => id.ToString()), ofTie.Select(e => e.GetProperty("id").GetString()));
            Assert.Equal(Enumerable.Range(1, Versions).Select(v => $"City {v}"), ofTie.Select(e => e.GetProperty("data").GetProperty("city").GetString()));
        }

        // Each event has its own message's metadata, and many were committed together.
        await using var connection = new NpgsqlConnection(service.PostgresConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select causation_id, user_name, headers ->> 'client', headers ->> 'command', data ->> 'messageId', xmin::text
            from mt_events where stream_id = any($1) and type = 'integration_event_received'
            """, connection) { Parameters = { new() { Value = ties } } };
        var transactions = new HashSet<string>();
        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                rows++;
                Assert.Equal(reader.GetString(4), reader.GetString(0));
                Assert.Equal("message:PartnerTieSigned", reader.GetString(1));
                Assert.Equal("membership", reader.GetString(2));
                Assert.Equal("PartnerTieSigned", reader.GetString(3));
                transactions.Add(reader.GetString(5));
            }
        Assert.Equal(Initiatives * Versions, rows);
        Assert.True(transactions.Count < rows, $"{rows} events in {transactions.Count} transactions");
    }
}
