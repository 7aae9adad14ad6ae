using Diplomacy.Contracts.Membership;
using Diplomacy.TestSupport;
using MassTransit;
using Npgsql;
using static Diplomacy.Portfolio.Tests.Service.PortfolioServiceFactory;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>Changes taken in batches: a burst over the real broker, some of it delivered twice.</summary>
public sealed class BatchIngestTests(PortfolioServiceFactory service) : IClassFixture<PortfolioServiceFactory>
{
    private const int Ties = 120;
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_burst_is_kept_once_each_with_its_own_metadata_in_fewer_transactions()
    {
        var client = service.CreateClient();
        await service.WaitForBusAsync();
        var bus = await TestBus.StartAsync(service.RabbitMq);
        var published = new List<Guid>();
        try
        {
            var changes = Enumerable.Range(0, Ties).Select(i => (Id: NewId.NextGuid(), Change: new PartnerTieChanged(Guid.NewGuid(), 2, "agreement_signed",
                "1996-05", $"City {i}", "VN", "city", "sister", "active", "1996", "1996-05", null, null, At))).ToList();
            published.AddRange(changes.Select(c => c.Id));
            // Eight publishers at once; then the first ten again under the same message ids (a relay republishing).
            await Task.WhenAll(changes.Chunk(Ties / 8).Select(async lane =>
            {
                foreach (var (id, change) in lane) await bus.Publish(change, c => c.MessageId = id);
            }));
            foreach (var (id, change) in changes.Take(10)) await bus.Publish(change, c => c.MessageId = id);
            // One more tie, queued behind the republished ones: once it shows, they have been handled.
            var marker = changes[0].Change with { PartnerCityId = Guid.NewGuid(), City = "Marker" };
            published.Add(NewId.NextGuid());
            await bus.Publish(marker, c => c.MessageId = published[^1]);
            await WhenAsync(client, "/api/portfolio/assets", a => a.GetProperty("partnerCities").GetProperty("total").GetInt32() == Ties + 1, "every tie and the marker");
        }
        finally { await bus.StopAsync(); }

        await using var connection = new NpgsqlConnection(service.PostgresConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select causation_id, user_name, headers ->> 'client', xmin::text from mt_events
            where type <> '{JasperFx.Events.Tombstone.Name}'
            """, connection);
        var causes = new List<Guid>();
        var transactions = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                causes.Add(Guid.Parse(reader.GetString(0)));
                Assert.Equal("message:PartnerTieChanged", reader.GetString(1));
                Assert.Equal("membership", reader.GetString(2));
                transactions.Add(reader.GetString(3));
            }
        Assert.Equal(published.Order(), causes.Order());
        Assert.True(transactions.Count < causes.Count, $"{causes.Count} changes in {transactions.Count} transactions");
    }
}
