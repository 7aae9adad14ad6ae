using System.Text.Json;
using Diplomacy.Contracts.Membership;
using Diplomacy.TestSupport;
using MassTransit;
using static Diplomacy.Portfolio.Tests.Service.PortfolioServiceFactory;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>
/// Ties over the decades: six ties as Membership would publish them, one per kind of history, counted by the decade of
/// their agreement in the assets, now and as of a date.
/// </summary>
public sealed class TieDecadeTests(TieDecadeTests.Ties service) : IClassFixture<TieDecadeTests.Ties>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task Ties_are_counted_by_the_decade_of_their_agreement_whatever_became_of_them()
    {
        // 1968 and 1979-10 one each; 1988-03-09 (terminated in 2001 but signed in the 1980s); 1996-05 and 1999 (suspended
        // since); the tie proposed in 2024 and never signed is in no decade.
        var expected = new Dictionary<string, int> { ["1960s"] = 1, ["1970s"] = 1, ["1980s"] = 1, ["1990s"] = 2 };
        // The changes arrive in any order over the broker: wait for the last of them, then check what it shows.
        var now = await WhenAsync(_client, "/api/portfolio/assets", a => Tally(a, "byStatus").GetValueOrDefault("terminated") == 1
            && Tally(a, "byStatus").GetValueOrDefault("suspended") == 1 && Total(a) == 6 && Same(expected, Tally(a, "byDecade")),
            "every tie's latest change");
        Assert.Equal(expected, Tally(now, "byDecade"));
        Assert.Equal(["1960s", "1970s", "1980s", "1990s"], now.GetProperty("partnerCities").GetProperty("byDecade").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task As_of_a_date_a_tie_signed_later_is_in_no_decade_yet()
    {
        // In June 1979 the Lyon tie was proposed (1978) but signed only in October: the 1960s tie alone was signed.
        // Every tie's whole history first: as of a date, a signing still in flight would be missing. The latest view can be
        // complete before it (Warsaw's termination carries its signing date), so wait until every change is stored and
        // every view has folded it.
        await Eventually.True(service.AllStoredAsync, TimeSpan.FromSeconds(20), "every tie's history stored");
        await service.ViewsCaughtUpAsync(TimeSpan.FromSeconds(20));
        var then = await GetJsonAsync(_client, "/api/portfolio/assets?asOf=1979-06");
        Assert.Equal(2, Total(then));
        Assert.Equal(new Dictionary<string, int> { ["1960s"] = 1 }, Tally(then, "byDecade"));
        var later = await GetJsonAsync(_client, "/api/portfolio/assets?asOf=1990");
        Assert.Equal(new Dictionary<string, int> { ["1960s"] = 1, ["1970s"] = 1, ["1980s"] = 1 }, Tally(later, "byDecade"));
    }

    private static bool Same(Dictionary<string, int> expected, Dictionary<string, int> actual) =>
        expected.Count == actual.Count && expected.All(e => actual.GetValueOrDefault(e.Key) == e.Value);

    private static int Total(JsonElement assets) => assets.GetProperty("partnerCities").GetProperty("total").GetInt32();

    private static Dictionary<string, int> Tally(JsonElement assets, string name) =>
        assets.GetProperty("partnerCities").GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    /// <summary>The portfolio, with the six ties' changes published to it once through the real broker.</summary>
    public sealed class Ties : PortfolioServiceFactory
    {
        private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>How many changes the fixture published.</summary>
        public static int Published => Changes().Count();

        /// <summary>Every published change is stored (the store's placeholders of failed appends not counted).</summary>
        public async Task<bool> AllStoredAsync()
        {
            await using var connection = new Npgsql.NpgsqlConnection(PostgresConnection);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"select count(*) from mt_events where type <> '{JasperFx.Events.Tombstone.Name}'", connection);
            return (long)(await command.ExecuteScalarAsync())! == Published;
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            CreateClient().Dispose();
            await WaitForBusAsync();
            var publishers = await TestBus.StartAsync(RabbitMq);
            try
            {
                foreach (var change in Changes())
                    await publishers.Publish(change, c => c.MessageId = NewId.NextGuid());
            }
            finally { await publishers.StopAsync(); }
        }

        private static IEnumerable<PartnerTieChanged> Changes()
        {
            PartnerTieChanged Tie(Guid id, long version, string change, string on, string city, string country, string tie, string status,
                string proposedOn, string? signedOn = null, string? suspendedOn = null, string? terminatedOn = null) =>
                new(id, version, change, on, city, country, "city", tie, status, proposedOn, signedOn, suspendedOn, terminatedOn, At);

            Guid taipei = Guid.NewGuid(), lyon = Guid.NewGuid(), warsaw = Guid.NewGuid(), hanoi = Guid.NewGuid(), athens = Guid.NewGuid(),
                lima = Guid.NewGuid();
            yield return Tie(taipei, 2, "agreement_signed", "1968", "Taipei", "TW", "sister", "active", "1968", "1968");
            yield return Tie(lyon, 1, "tie_proposed", "1978", "Lyon", "FR", "friendship", "proposed", "1978");
            yield return Tie(lyon, 3, "agreement_signed", "1979-10", "Lyon", "FR", "friendship", "active", "1978", "1979-10");
            yield return Tie(warsaw, 1, "tie_proposed", "1987", "Warsaw", "PL", "sister", "proposed", "1987");
            yield return Tie(warsaw, 3, "agreement_signed", "1988-03-09", "Warsaw", "PL", "sister", "active", "1987", "1988-03-09");
            yield return Tie(warsaw, 5, "tie_terminated", "2001", "Warsaw", "PL", "sister", "terminated", "1987", "1988-03-09", terminatedOn: "2001");
            yield return Tie(hanoi, 2, "agreement_signed", "1996-05", "Hanoi", "VN", "friendship", "active", "1996", "1996-05");
            yield return Tie(athens, 2, "agreement_signed", "1999", "Athens", "GR", "sister", "active", "1998", "1999");
            yield return Tie(athens, 3, "tie_suspended", "2010", "Athens", "GR", "sister", "suspended", "1998", "1999", suspendedOn: "2010");
            yield return Tie(lima, 1, "tie_proposed", "2024", "Lima", "PE", "friendship", "proposed", "2024");
        }
    }
}
