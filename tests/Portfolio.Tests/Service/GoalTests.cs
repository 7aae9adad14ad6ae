using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Diplomacy.Portfolio.Tests.Service.PortfolioServiceFactory;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>The strategy's goals: the portfolio's only writes, with the answers of every other command.</summary>
public sealed class GoalTests(ScenarioFixture service) : IClassFixture<ScenarioFixture>
{
    private const string Goals = "/api/portfolio/goals";
    private readonly HttpClient _client = service.CreateClient();

    private static object Body(string region = "americas", int target = 2) => new
    {
        title = "More partners in the Americas",
        indicator = new { figure = "activePartnerCities", region },
        target,
        deadline = "2040",
    };

    [Fact]
    public async Task A_goal_is_set_revised_and_achieved_and_its_progress_comes_from_the_views()
    {
        var created = await _client.PostAsJsonAsync(Goals, Body());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var location = created.Headers.Location!.ToString();

        var list = await GetJsonAsync(_client, Goals);
        var mine = list.GetProperty("items").EnumerateArray().Single(g => location.EndsWith(g.GetProperty("goal").GetProperty("id").GetString()!));
        Assert.Equal(1, mine.GetProperty("current").GetInt32());
        Assert.Equal(0.5, mine.GetProperty("share").GetDouble());

        var stale = await _client.PostIfMatchAsync($"{location}/revision", new { title = "x", target = 3, deadline = "2040" }, "\"7\"");
        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        var revised = await _client.PostIfMatchAsync($"{location}/revision", new { title = "Three partners", target = 3, deadline = "2040" }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{location}/achievement", new { achievedOn = "2039" })).StatusCode);
        await ProblemAsync(await _client.PostAsJsonAsync($"{location}/drop", new { droppedOn = "2039", reason = "late" }), HttpStatusCode.Conflict);

        var history = await GetJsonAsync(_client, $"{location}/history");
        Assert.Equal(3, history.GetProperty("items").GetArrayLength());
        Assert.True((await GetJsonAsync(_client, $"{location}/verify")).GetProperty("intact").GetBoolean());
        var first = await GetJsonAsync(_client, $"{location}?version=1");
        Assert.Equal(2, first.GetProperty("state").GetProperty("target").GetInt32());
    }

    [Theory]
    [InlineData("mars", 2, "indicator.region")]
    [InlineData("americas", 0, "target")]
    public async Task A_bad_goal_gets_400_naming_the_field_and_records_nothing(string region, int target, string field)
    {
        var before = await GoalEventsAsync();
        await ProblemAsync(await _client.PostAsJsonAsync(Goals, Body(region, target)), HttpStatusCode.BadRequest, field);
        await ProblemAsync(await _client.PostAsync(Goals, new StringContent("{\"title\":", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Equal(before, await GoalEventsAsync());
    }

    // Goal events only: received integration events of other tests' scenarios may still arrive meanwhile.
    private async Task<long> GoalEventsAsync()
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName.StartsWith("goal_")).LongCountAsync();
    }

    [Fact]
    public async Task Only_admins_and_the_portfolio_writers_set_goals()
    {
        var viewer = service.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new("Bearer", service.Tokens.Mint("editor", department: "global-urban-partnership"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(Goals, Body())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/portfolio/assets")).StatusCode);
    }
}
