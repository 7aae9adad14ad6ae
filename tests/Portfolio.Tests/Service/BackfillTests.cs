extern alias membership;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.TestSupport;
using Npgsql;
using static Diplomacy.Portfolio.Tests.Service.PortfolioServiceFactory;
using MembershipProgram = membership::Program;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>
/// The portfolio started after Membership has history ends with the same figures as a portfolio that ran all along, and
/// Membership's state does not change. Membership's database is put in the state the release before the portfolio's
/// events left it (its relay checkpointed under the first mapping's name only); its next start republishes the log.
/// </summary>
public sealed class BackfillTests : IAsyncLifetime
{
    private string _membershipDb = "", _allAlongDb = "", _lateDb = "";
    private Uri _rabbit = null!;
    private static readonly string[] Views = ["/api/portfolio/assets", "/api/portfolio/cities", "/api/portfolio/cities/vn-hanoi", "/api/portfolio/networks"];

    public async Task InitializeAsync()
    {
        _membershipDb = await TestServers.CreateDatabaseAsync("backfill-membership");
        _allAlongDb = await TestServers.CreateDatabaseAsync("backfill-allalong");
        _lateDb = await TestServers.CreateDatabaseAsync("backfill-late");
        _rabbit = await TestServers.CreateVirtualHostAsync("backfill");
    }

    public async Task DisposeAsync()
    {
        foreach (var db in new[] { _membershipDb, _allAlongDb, _lateDb }) await TestServers.DropDatabaseAsync(db);
        await TestServers.DeleteVirtualHostAsync(_rabbit);
    }

    [Fact]
    public async Task A_portfolio_started_late_gets_the_whole_history_and_changes_nothing_elsewhere()
    {
        var expected = new List<string>();
        string membershipBefore;
        long eventsBefore;

        // Membership's history, with a portfolio listening all along.
        await using (var allAlong = new PortfolioServiceFactory())
        {
            allAlong.On(_allAlongDb, _rabbit);
            var portfolio = allAlong.CreateClient();
            await allAlong.WaitForBusAsync();
            await using (var membership = new ServiceFactory<MembershipProgram>())
            {
                membership.On(_membershipDb, _rabbit);
                var client = membership.CreateClient();
                await membership.WaitForBusAsync();
                await HistoryAsync(client);
                await WhenAsync(portfolio, "/api/portfolio/assets", Settled, "the portfolio that ran all along to see the history");
                // The assets view settled says nothing of the others: the figures to compare are taken once every view has folded it all.
                await allAlong.ViewsCaughtUpAsync(TimeSpan.FromSeconds(60));
                foreach (var path in Views) expected.Add((await GetJsonAsync(portfolio, path)).GetRawText());
                membershipBefore = await MembershipStateAsync(client);
                eventsBefore = await membership.CountEventsAsync();
            }
        }

        // The database as the release before left it: only the first mapping's relay had run, and it had published everything.
        await using (var connection = new NpgsqlConnection(_membershipDb))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "update mt_event_progression set name = 'outbox-relay:All' where name = 'outbox-relay-v2:All'", connection);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // The new release: the portfolio starts with an empty database, then Membership restarts with the new mapping.
        await using var late = new PortfolioServiceFactory();
        late.On(_lateDb, _rabbit);
        var latePortfolio = late.CreateClient();
        await late.WaitForBusAsync();
        await using var restarted = new ServiceFactory<MembershipProgram>();
        restarted.On(_membershipDb, _rabbit);
        var membershipClient = restarted.CreateClient();
        await restarted.WaitForBusAsync();

        await WhenAsync(latePortfolio, "/api/portfolio/assets", Settled, "the late portfolio to receive the republished history");
        foreach (var (path, figures) in Views.Zip(expected))
            await WhenAsync(latePortfolio, path, answer => answer.GetRawText() == figures, $"{path} to equal the figures of the portfolio that ran all along");

        Assert.Equal(eventsBefore, await restarted.CountEventsAsync());
        Assert.Equal(membershipBefore, await MembershipStateAsync(membershipClient));
    }

    private static bool Settled(JsonElement a) =>
        a.GetProperty("partnerCities").GetProperty("byStatus").TryGetProperty("active", out var active) && active.GetInt32() == 2
        && a.GetProperty("networks").GetArrayLength() == 1 && a.GetProperty("networks")[0].GetProperty("feesPaid").GetArrayLength() == 1;

    private static async Task HistoryAsync(HttpClient client)
    {
        var network = await CreatedAsync(client, "/api/membership/networks",
            new { acronym = "C40", name = "C40 Cities Climate Leadership Group", founded = 2005, headquartersCity = "London", headquartersCountry = "GB", themes = new[] { "climate" } });
        var membership = await CreatedAsync(client, "/api/membership/memberships", new { networkId = network.GetProperty("id").GetGuid(), appliedOn = "2006-07" });
        var m = $"/api/membership/memberships/{membership.GetProperty("id").GetGuid()}";
        await OkAsync(client, $"{m}/acceptance", new { acceptedOn = "2006-07-25" });
        await OkAsync(client, $"{m}/roles", new { role = "steeringCommittee", termStart = "2023-02" });
        await OkAsync(client, $"{m}/fees", new { year = 2024, fee = new { amount = 15000, currency = "USD" } });
        await OkAsync(client, $"{m}/fee-payment", new { year = 2024, paidOn = "2024-03", paid = new { amount = 15000, currency = "USD" } });

        var hanoi = await CreatedAsync(client, "/api/membership/partner-cities", new { city = "Hà Nội", country = "VN", jurisdiction = "city", tie = "sister", proposedOn = "1996" });
        var h = $"/api/membership/partner-cities/{hanoi.GetProperty("id").GetGuid()}";
        await OkAsync(client, $"{h}/council-approval", new { approvedOn = "1996-04" });
        await OkAsync(client, $"{h}/agreement", new { signedOn = "1996-05" });
        var milan = await CreatedAsync(client, "/api/membership/partner-cities", new { city = "Milan", country = "IT", jurisdiction = "city", tie = "friendship", proposedOn = "2007" });
        await OkAsync(client, $"/api/membership/partner-cities/{milan.GetProperty("id").GetGuid()}/agreement", new { signedOn = "2007-05" });
    }

    private static async Task<string> MembershipStateAsync(HttpClient client) =>
        string.Join("\n", await Task.WhenAll(new[] { "/api/membership/networks", "/api/membership/memberships", "/api/membership/partner-cities" }
            .Select(async path => (await GetJsonAsync(client, path)).GetRawText())));

    private static async Task<JsonElement> CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task OkAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
