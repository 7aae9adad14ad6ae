using System.Net;
using System.Text.Json;
using Diplomacy.TestSupport;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Diplomacy.Portfolio.Tests.Service.PortfolioServiceFactory;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>Each view against figures worked out by hand for <see cref="Scenario"/>, received through the real broker.</summary>
public sealed class ViewTests(ScenarioFixture service) : IClassFixture<ScenarioFixture>
{
    private readonly HttpClient _client = service.CreateClient();
    private Scenario S => service.Scenario;

    [Fact]
    public async Task Assets_count_each_instrument_and_keep_money_per_currency()
    {
        var a = await GetJsonAsync(_client, "/api/portfolio/assets");
        var network = a.GetProperty("networks")[0];
        Assert.Equal("C40", network.GetProperty("acronym").GetString());
        Assert.Equal("steeringCommittee", Assert.Single(network.GetProperty("rolesNow").EnumerateArray()).GetProperty("role").GetString());
        Assert.Equal("board", Assert.Single(network.GetProperty("rolesBefore").EnumerateArray()).GetProperty("role").GetString());
        Assert.Single(network.GetProperty("hostingsDelivered").EnumerateArray());
        var fee = Assert.Single(network.GetProperty("feesPaid").EnumerateArray());
        Assert.Equal((2024, "USD", 15_000m), (fee.GetProperty("year").GetInt32(), fee.GetProperty("currency").GetString(), fee.GetProperty("paid").GetDecimal()));

        Assert.Equal(1, a.GetProperty("partnerCities").GetProperty("byTie").GetProperty("sister").GetInt32());
        Assert.Equal(1, a.GetProperty("partnerCities").GetProperty("byRegion").GetProperty("americas").GetInt32());
        Assert.Equal("1980s:1", string.Join(",", a.GetProperty("partnerCities").GetProperty("byDecade").EnumerateObject().Select(d => $"{d.Name}:{d.Value}")));
        Assert.Equal(1, a.GetProperty("policies").GetProperty("bySector").GetProperty("21020").GetInt32());
        Assert.Equal(1, a.GetProperty("policies").GetProperty("bySdg").GetProperty("11").GetInt32());
        Assert.Equal(1, a.GetProperty("exchanges").GetProperty("byChannel").GetProperty("cityNetwork").GetInt32());
        Assert.Equal(1, a.GetProperty("exchanges").GetProperty("byStatus").GetProperty("outcomeReported").GetInt32());
        Assert.Equal(1, a.GetProperty("peacePrograms").GetProperty("byArea").GetProperty("humanitarian").GetInt32());
        Assert.Equal(["KRW:10000000", "USD:50000"], Amounts(a.GetProperty("peacePrograms").GetProperty("allocated")));
        Assert.Equal(["KRW:0", "USD:20000"], Amounts(a.GetProperty("peacePrograms").GetProperty("spent")));
        Assert.Equal(1, a.GetProperty("exportProjects").GetProperty("byStage").GetProperty("contracted").GetInt32());
    }

    [Fact]
    public async Task Assets_as_of_a_date_show_what_was_known_then()
    {
        var before = await GetJsonAsync(_client, "/api/portfolio/assets?asOf=1981");
        Assert.Equal(1, before.GetProperty("partnerCities").GetProperty("byStatus").GetProperty("proposed").GetInt32());
        // Proposed in 1980, signed only in 1982: no decade holds it yet.
        Assert.Empty(before.GetProperty("partnerCities").GetProperty("byDecade").EnumerateObject());
        Assert.Equal(0, before.GetProperty("exchanges").GetProperty("total").GetInt32());
        var mid = await GetJsonAsync(_client, "/api/portfolio/assets?asOf=2014-06");
        Assert.Equal(1, mid.GetProperty("exchanges").GetProperty("byStatus").GetProperty("requested").GetInt32());
        await ProblemAsync(await _client.GetAsync("/api/portfolio/assets?asOf=yesterday"), HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task A_city_is_one_across_spellings_and_instruments_with_a_dated_timeline()
    {
        var city = await GetJsonAsync(_client, "/api/portfolio/cities/co-bogota");
        var summary = city.GetProperty("city");
        Assert.Equal((1, 1, 1, 1), (summary.GetProperty("ties").GetInt32(), summary.GetProperty("exchanges").GetInt32(),
            summary.GetProperty("peacePrograms").GetInt32(), summary.GetProperty("exportProjects").GetInt32()));
        Assert.Equal("sister", summary.GetProperty("tie").GetString());
        var timeline = city.GetProperty("timeline").EnumerateArray().ToList();
        // Two tie changes, two of the exchange, one of the project, one of the program.
        Assert.Equal(6, timeline.Count);
        Assert.Equal(["1980", "1982", "2014-03", "2014-09", "2015-06", "2017-10"], timeline.Select(e => e.GetProperty("on").GetString()));
        var first = timeline[0];
        Assert.Equal(("membership", "partner-cities", S.TieId.ToString()),
            (first.GetProperty("service").GetString(), first.GetProperty("collection").GetString(), first.GetProperty("id").GetString()));

        var list = await GetJsonAsync(_client, "/api/portfolio/cities?country=CO&hasTie=true&tie=sister&region=americas&q=Bogotá");
        Assert.Equal("co-bogota", Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("key").GetString());
        Assert.Empty((await GetJsonAsync(_client, "/api/portfolio/cities?hasTie=false")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/portfolio/cities/pe-lima")).StatusCode);
    }

    [Theory]
    [InlineData("/api/portfolio/cities?country=co", "country")]
    [InlineData("/api/portfolio/cities?region=mars", "region")]
    [InlineData("/api/portfolio/cities?tie=cousin", "tie")]
    [InlineData("/api/portfolio/cities?hasTie=maybe", "hasTie")]
    [InlineData("/api/portfolio/cities?pageSize=0", "pageSize")]
    [InlineData("/api/portfolio/cities/CO_Bogota", "key")]
    [InlineData("/api/portfolio/funnel?sdg=18", "sdg")]
    [InlineData("/api/portfolio/funnel?year=then", "year")]
    [InlineData("/api/portfolio/funnel?sector=transport", "sector")]
    [InlineData("/api/portfolio/funnel?policy=topis", "policy")]
    public async Task A_bad_filter_gets_400_naming_the_parameter(string path, string field) =>
        await ProblemAsync(await _client.GetAsync(path), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task A_network_shows_its_leverage()
    {
        var n = await GetJsonAsync(_client, $"/api/portfolio/networks/{S.NetworkId}");
        Assert.Equal("active", n.GetProperty("membershipStatus").GetString());
        Assert.Equal(2, n.GetProperty("roles").GetArrayLength());
        Assert.Equal(S.ExchangeId.ToString(), Assert.Single(n.GetProperty("exchanges").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(S.ProjectId.ToString(), Assert.Single(n.GetProperty("exportLeads").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(2, n.GetProperty("feesAssessed").GetArrayLength());
        Assert.Single((await GetJsonAsync(_client, "/api/portfolio/networks")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/portfolio/networks/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_funnel_and_the_sdgs_follow_the_policy()
    {
        var stages = (await GetJsonAsync(_client, "/api/portfolio/funnel?sdg=11")).GetProperty("items").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int>
        {
            ["catalogued"] = 1, ["shared"] = 1, ["delivered"] = 1, ["adopted"] = 1, ["intentToProcure"] = 1, ["lead"] = 1,
            ["proposal"] = 1, ["contract"] = 1, ["handedOver"] = 0,
        }, stages);
        var lead = (await GetJsonAsync(_client, "/api/portfolio/funnel")).GetProperty("items").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "lead");
        Assert.Equal(61, lead.GetProperty("medianDays").GetDouble()); // 2014-09-01 to 2014-11-01
        Assert.Equal(0, (await GetJsonAsync(_client, "/api/portfolio/funnel?sdg=6")).GetProperty("items")[1].GetProperty("count").GetInt32());

        var sdgs = (await GetJsonAsync(_client, "/api/portfolio/sdgs")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(17, sdgs.Count);
        var goal11 = sdgs[10];
        Assert.Equal((1, 1, 1, 1, 1), (goal11.GetProperty("policies").GetArrayLength(), goal11.GetProperty("exchanges").GetArrayLength(),
            goal11.GetProperty("adoptions").GetArrayLength(), goal11.GetProperty("peacePrograms").GetArrayLength(), goal11.GetProperty("exportProjects").GetArrayLength()));
        Assert.Equal(1, sdgs[5].GetProperty("policies").GetArrayLength());
    }

    [Fact]
    public async Task Directions_find_the_unshared_sdg_with_its_evidence()
    {
        var items = (await GetJsonAsync(_client, "/api/portfolio/directions")).GetProperty("items").EnumerateArray().ToList();
        var unshared = Assert.Single(items, f => f.GetProperty("rule").GetString() == "unsharedSdg");
        Assert.Equal("SDG 6", unshared.GetProperty("subject").GetString());
        Assert.Equal(S.Arisu.ToString(), Assert.Single(unshared.GetProperty("evidence").EnumerateArray()).GetProperty("id").GetString());
        // The tie with Bogotá had its last initiative in 2017: dormant for more than three years.
        Assert.Contains(items, f => f.GetProperty("rule").GetString() == "dormantTie" && f.GetProperty("subject").GetString() == "co-bogota");
    }

    [Fact]
    public async Task Redelivered_and_out_of_order_messages_change_nothing()
    {
        var before = (await GetJsonAsync(_client, "/api/portfolio/assets")).GetRawText();
        var bus = await TestBus.StartAsync(service.RabbitMq);
        try
        {
            // An older version of the exchange after its newer one, and the same tie change under a new message id.
            await bus.Publish(S.ExchangeRequested, c => c.MessageId = NewId.NextGuid());
            await bus.Publish(S.TieProposed, c => c.MessageId = NewId.NextGuid());
            // A new change delivered twice under one message id is kept once; it also marks when the rest has been handled.
            var marker = S.ArisuPolicy with { PolicyId = Guid.NewGuid(), Title = "Marker", SdgGoals = [] };
            var markerId = NewId.NextGuid();
            await bus.Publish(marker, c => c.MessageId = markerId);
            await bus.Publish(marker, c => c.MessageId = markerId);
            await WhenAsync(_client, "/api/portfolio/assets", a => a.GetProperty("policies").GetProperty("total").GetInt32() == 3, "the marker policy");
            await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            Assert.Single(await session.Events.FetchStreamAsync(Learning.Received.StreamOf(Learning.Collections.Policies, marker.PolicyId)));
        }
        finally { await bus.StopAsync(); }
        var after = await GetJsonAsync(_client, "/api/portfolio/assets");
        Assert.Equal(1, after.GetProperty("exchanges").GetProperty("byStatus").GetProperty("outcomeReported").GetInt32());
        Assert.Equal(1, after.GetProperty("partnerCities").GetProperty("byStatus").GetProperty("active").GetInt32());
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetProperty("exchanges").GetRawText(), after.GetProperty("exchanges").GetRawText());
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetProperty("partnerCities").GetRawText(), after.GetProperty("partnerCities").GetRawText());
    }

    [Fact]
    public async Task A_rebuild_gives_the_same_figures()
    {
        string[] paths = ["/api/portfolio/assets", "/api/portfolio/cities/co-bogota", $"/api/portfolio/networks/{S.NetworkId}", "/api/portfolio/sdgs"];
        var before = new List<string>();
        foreach (var path in paths) before.Add((await GetJsonAsync(_client, path)).GetRawText());
        var analysed = await EventTableAnalysesAsync();
        var response = await _client.PostAsync("/api/portfolio/admin/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = new List<string>();
        foreach (var path in paths) after.Add((await GetJsonAsync(_client, path)).GetRawText());
        Assert.Equal(before, after);
        // The rebuild's page reads are planned on fresh statistics of the event table.
        await Eventually.True(async () => await EventTableAnalysesAsync() > analysed, what: "the event table analysed for the rebuild");
    }

    [Fact]
    public async Task Every_kind_of_view_follows_the_events_in_one_shard_and_retired_shards_are_forgotten()
    {
        await service.ViewsCaughtUpAsync(TimeSpan.FromSeconds(30));
        await using var connection = new NpgsqlConnection(service.PostgresConnection);
        await connection.OpenAsync();
        // A store whose views each had a shard of their own still holds that shard's checkpoint.
        await using (var retired = new NpgsqlCommand("insert into mt_event_progression (name, last_seq_id) values ('TieView:All', 1)", connection))
            await retired.ExecuteNonQueryAsync();
        await service.Services.GetRequiredService<Views.ViewRebuilder>().ForgetRetiredShardsAsync(CancellationToken.None);

        await using var command = new NpgsqlCommand("""
            select string_agg(name, ',' order by name), bool_and(last_seq_id = (select max(seq_id) from mt_events))
            from mt_event_progression where name not like 'HighWater%'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Views:All", reader.GetString(0));
        Assert.True(reader.GetBoolean(1), "the views' shard has passed the last event");
    }

    private async Task<long> EventTableAnalysesAsync()
    {
        await using var connection = new NpgsqlConnection(service.PostgresConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select analyze_count from pg_stat_user_tables where relname = 'mt_events'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static List<string> Amounts(JsonElement list) =>
        [.. list.EnumerateArray().Select(x => $"{x.GetProperty("currency").GetString()}:{x.GetProperty("amount").GetDecimal():0.##}")];
}
