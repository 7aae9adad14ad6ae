using System.Net.Http.Json;
using System.Text.Json;
using static Diplomacy.Platform.Tests.ServiceRecords;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// The demo data loader, run as deploy/run.sh runs it, against the whole platform: afterwards the portfolio's inventory,
/// cities and networks show the reference file's networks, roles and partner cities, and agree with what the four services
/// hold. The platform is shared with the other platform tests, so figures are the file's (at least its cities, by key) or
/// the services' own totals, never a count of what happens to be there.
/// </summary>
[Collection("platform")]
public sealed class DemoDataPlatformTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task After_the_demo_load_the_assets_show_the_files_networks_partner_cities_and_every_services_initiatives()
    {
        var run = await DemoDataRun.FirstAsync(platform);
        Assert.True(run.ExitCode == 0, $"The loader exited with {run.ExitCode}:{Environment.NewLine}{run.Output}");
        var file = ReferenceFile.Load(DemoDataRun.DataFile(platform), Today);
        var (records, assets) = await PortfolioCaughtUpAsync(platform);

        // Networks: Seoul's membership of each of the file's, with its roles now and before and its hostings delivered.
        var networks = assets.GetProperty("networks").EnumerateArray().ToList();
        foreach (var expected in file.Networks)
        {
            if (run.LeftAsRecorded(expected.Acronym))
            {
                Assert.Contains(networks, n => Text(n, "acronym") == expected.Acronym && Text(n, "membershipStatus") is "lapsed" or "withdrawn");
                continue;
            }
            Assert.True(networks.Any(n => Text(n, "acronym") == expected.Acronym && Text(n, "membershipStatus") == "active"
                    && n.GetProperty("rolesNow").GetArrayLength() == expected.RolesNow && n.GetProperty("rolesBefore").GetArrayLength() == expected.RolesBefore
                    && n.GetProperty("hostingsDelivered").GetArrayLength() == expected.HostingsDelivered),
                $"No active membership of {expected.Acronym} with {expected.RolesNow} roles now, {expected.RolesBefore} before and "
                + $"{expected.HostingsDelivered} hostings delivered in: {string.Join(" | ", networks.Where(n => Text(n, "acronym") == expected.Acronym))}");
        }

        // Partner cities: at least the file's, by tie.
        var ties = assets.GetProperty("partnerCities");
        Assert.True(ties.GetProperty("total").GetInt32() >= file.PartnerCities.Count);
        foreach (var (tie, count) in file.PartnerCities.GroupBy(c => c.Tie).Select(g => (g.Key, g.Count())))
            Assert.True(Tally(ties.GetProperty("byTie")).GetValueOrDefault(tie) >= count, $"fewer than the file's {count} {tie} ties: {ties}");
        Assert.Equal(Render(CountBy(records.Ties, "jurisdiction")), Render(Tally(ties.GetProperty("byJurisdiction"))));
        Assert.False(Tally(ties.GetProperty("byRegion")).ContainsKey("unknown"), $"a tie in no known region: {ties}");

        // The policy catalogue by sector and SDG, the exchanges by channel and participants, as the Exchanges service has them.
        var policies = assets.GetProperty("policies");
        Assert.NotEmpty(records.Policies);
        Assert.Equal(Render(CountBy(records.Policies, p => Items(p, "sdgGoals").Select(g => g.GetInt32()).Distinct().Select(g => g.ToString("00")))),
            Render(Tally(policies.GetProperty("bySdg"))));
        var exchanges = assets.GetProperty("exchanges");
        Assert.NotEmpty(records.Exchanges);
        Assert.Equal(Render(CountBy(records.Exchanges, "channel")), Render(Tally(exchanges.GetProperty("byChannel"))));
        Assert.Equal(records.Exchanges.Sum(x => Items(x, "activities").Sum(a => a.GetProperty("participants").GetInt32())),
            exchanges.GetProperty("participantsTrained").GetInt32());

        // Peace programs by area, allocated against spent per currency; export projects' contracts per currency.
        var programs = assets.GetProperty("peacePrograms");
        Assert.NotEmpty(records.Programs);
        Assert.Equal(Render(CountBy(records.Programs, "area")), Render(Tally(programs.GetProperty("byArea"))));
        var funds = records.Programs.SelectMany(p => Items(p, "funds")).ToList();
        Assert.Equal(PerCurrency(funds.Select(f => (Text(f, "currency"), f.GetProperty("allocated").GetDecimal()))), Money(programs.GetProperty("allocated")));
        Assert.Equal(PerCurrency(funds.Select(f => (Text(f, "currency"), f.GetProperty("spent").GetDecimal()))), Money(programs.GetProperty("spent")));
        var projects = assets.GetProperty("exportProjects");
        Assert.True(projects.GetProperty("total").GetInt32() >= file.ExportCases.Count);
        Assert.Equal(PerCurrency(records.Projects.Where(p => p.TryGetProperty("contractValue", out var v) && v.ValueKind == JsonValueKind.Object)
                .Select(p => (Text(p.GetProperty("contractValue"), "currency"), p.GetProperty("contractValue").GetProperty("amount").GetDecimal()))),
            Money(projects.GetProperty("contracted")));
    }

    [Fact]
    public async Task After_the_demo_load_each_of_the_files_cities_is_one_city_by_its_key_across_the_services()
    {
        var run = await DemoDataRun.FirstAsync(platform);
        Assert.True(run.ExitCode == 0, $"The loader exited with {run.ExitCode}:{Environment.NewLine}{run.Output}");
        var file = ReferenceFile.Load(DemoDataRun.DataFile(platform), Today);
        var (records, _) = await PortfolioCaughtUpAsync(platform);
        var cities = (await ListAsync(Gateway, "/api/portfolio/cities")).ToDictionary(c => Text(c, "key"));
        JsonElement City(string key) => cities.TryGetValue(key, out var city) ? city
            : throw new Xunit.Sdk.XunitException($"The portfolio knows no city {key}; it knows: {string.Join(", ", cities.Keys)}");

        foreach (var tie in file.PartnerCities)
        {
            var city = City(tie.Key);
            Assert.True(city.GetProperty("ties").GetInt32() >= 1 && Text(city, "tie") == tie.Tie && Text(city, "country") == tie.Country, $"{tie}: {city}");
            Assert.NotEqual("unknown", Text(city, "region"));
            Assert.True(city.GetProperty("lat").ValueKind == JsonValueKind.Number && city.GetProperty("lon").ValueKind == JsonValueKind.Number, $"{tie.Key} has no coordinates: {city}");
        }

        // An export case is the same city as the file's tie with it and the exchanges with it, by the key alone.
        var tied = file.PartnerCities.Select(c => c.Key).ToHashSet();
        foreach (var export in file.ExportCases)
        {
            var city = City(export.Key);
            Assert.True(city.GetProperty("exportProjects").GetInt32() >= 1, $"{export}: {city}");
            if (tied.Contains(export.Key)) Assert.True(city.GetProperty("ties").GetInt32() >= 1, $"{export} lost its tie: {city}");
            if (records.Exchanges.Any(x => Text(x, "partnerCity") == export.Partner && Text(x, "partnerCountry") == export.Country))
                Assert.True(city.GetProperty("exchanges").GetInt32() >= 1, $"{export} lost its exchange: {city}");
        }
        foreach (var partner in records.Programs.SelectMany(p => Items(p, "partners")).Where(p => Text(p, "kind") == "city"))
            if (file.PartnerCities.FirstOrDefault(c => c.Name == Text(partner, "name") && c.Country == Text(partner, "country")) is { } tie)
                Assert.True(City(tie.Key).GetProperty("peacePrograms").GetInt32() >= 1, $"{tie.Key} lost its peace program: {City(tie.Key)}");

        // A city with a tie and an export project: both in its detail, and a dated timeline naming each initiative.
        foreach (var key in file.ExportCases.Select(e => e.Key).Where(tied.Contains))
        {
            var detail = await Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/cities/{key}");
            Assert.Equal(key, Text(detail.GetProperty("city"), "key"));
            Assert.NotEmpty(Items(detail, "ties"));
            Assert.NotEmpty(Items(detail, "exportProjects"));
            var timeline = Items(detail, "timeline").ToList();
            Assert.Contains(timeline, e => Text(e, "service") == "membership");
            Assert.Contains(timeline, e => Text(e, "service") == "exports");
            var named = new[] { "ties", "exchanges", "peacePrograms", "exportProjects" }.SelectMany(list => Items(detail, list)).Select(r => Text(r, "id")).ToHashSet();
            Assert.All(timeline, e => Assert.Contains(Text(e, "id"), named));
        }
    }

    [Fact]
    public async Task After_the_demo_load_each_of_the_files_networks_shows_its_roles_and_hostings()
    {
        var run = await DemoDataRun.FirstAsync(platform);
        Assert.True(run.ExitCode == 0, $"The loader exited with {run.ExitCode}:{Environment.NewLine}{run.Output}");
        var file = ReferenceFile.Load(DemoDataRun.DataFile(platform), Today);
        var (records, _) = await PortfolioCaughtUpAsync(platform);
        var leverage = (await Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/networks")).GetProperty("items").EnumerateArray().ToList();

        foreach (var expected in file.Networks)
        {
            if (run.LeftAsRecorded(expected.Acronym))
            {
                Assert.Contains(leverage, n => Text(n, "acronym") == expected.Acronym);
                continue;
            }
            var network = leverage.FirstOrDefault(n => Text(n, "acronym") == expected.Acronym
                && n.GetProperty("roles").GetArrayLength() == expected.RolesNow + expected.RolesBefore);
            Assert.True(network.ValueKind == JsonValueKind.Object, $"{expected.Acronym} with {expected.RolesNow + expected.RolesBefore} roles: not in {string.Join(" | ", leverage)}");
            var membership = records.Memberships.Single(m => Text(m, "networkId") == Text(network, "networkId"));
            Assert.Equal(Items(membership, "hostings").Count(), network.GetProperty("hostings").GetArrayLength());
            Assert.Equal(Text(membership, "acceptedOn"), Text(network, "memberSince"));
            Assert.Equal(Text(membership, "id"), Text(network.GetProperty("membership"), "id"));
            var one = await Gateway.GetFromJsonAsync<JsonElement>($"/api/portfolio/networks/{Text(network, "networkId")}");
            Assert.Equal(expected.Acronym, Text(one, "acronym"));
        }
    }

    [Fact]
    public async Task Loading_the_demo_data_a_second_time_creates_nothing_and_changes_nothing()
    {
        var first = await DemoDataRun.FirstAsync(platform);
        Assert.True(first.ExitCode == 0, $"The first load exited with {first.ExitCode}:{Environment.NewLine}{first.Output}");
        var (before, assets) = await PortfolioCaughtUpAsync(platform);

        var second = await DemoDataRun.RunAsync(platform);
        Assert.True(second.ExitCode == 0, $"The second load exited with {second.ExitCode}:{Environment.NewLine}{second.Output}");
        Assert.Equal(0, second.Summary.Created);
        Assert.True(second.Summary.AlreadyThere >= first.Summary.Created, second.Output);

        // Not one stream written: every item of every service is at the version it had, so the portfolio has nothing new to learn.
        var after = await ReadAsync(Gateway);
        Assert.Equal(before.Versions, after.Versions);
        Assert.Null(after.GapTo(await Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/assets")));
        Assert.Null(before.GapTo(assets));
    }
}
