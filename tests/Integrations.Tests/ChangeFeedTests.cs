using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Security;
using Diplomacy.TestSupport;

namespace Diplomacy.Integrations.Tests;

/// <summary>The change feed over events published on the real broker and logged in the real database.</summary>
public sealed class ChangeFeedTests(IntegrationsServiceFactory service) : IClassFixture<IntegrationsServiceFactory>
{
    private const string Feed = "/api/integrations/events";

    private async Task<Publisher> ReadyAsync()
    {
        service.CreateClient().Dispose();
        await service.WaitForBusAsync();
        return await Publisher.StartAsync(service.RabbitMq);
    }

    private static async Task<(JsonElement[] Items, string Next)> ReadAsync(HttpClient client, string query)
    {
        var page = await IntegrationsServiceFactory.GetJsonAsync(client, $"{Feed}?{query}");
        return ([.. page.GetProperty("items").EnumerateArray()], page.GetProperty("next").GetString()!);
    }

    /// <summary>Everything read from the start, following <c>next</c> until nothing more comes.</summary>
    private static async Task<List<JsonElement>> ReadAllAsync(HttpClient client, string after = "0", string extra = "")
    {
        var all = new List<JsonElement>();
        while (true)
        {
            var (items, next) = await ReadAsync(client, $"after={after}&limit=7{extra}");
            all.AddRange(items);
            if (items.Length == 0) return all;
            after = next;
        }
    }

    [Fact]
    public async Task From_a_cursor_the_feed_gives_exactly_what_followed_it_as_CloudEvents_with_stable_ids()
    {
        await using var publisher = await ReadyAsync();
        var viewer = service.CreateClient();
        viewer.DefaultRequestHeaders.Authorization = new("Bearer", service.Tokens.Mint(Roles.Viewer, "audit-office"));
        var before = await ReadAllAsync(viewer);
        var start = before.Count == 0 ? "0" : before[^1].GetProperty("sequence").GetString()!;

        var tie = Guid.NewGuid();
        var published = new List<Guid>();
        for (var v = 1; v <= 20; v++) published.Add(await publisher.TieSignedAsync(tie, v));
        // The same message again (a relay republishing after a crash) is logged once.
        await publisher.TieSignedAsync(tie, 5, published[4]);

        var read = await Eventually.Get(async () => await ReadAllAsync(viewer, start) is { Count: >= 20 } all ? all : null, what: "20 events in the feed");
        Assert.Equal(published.Select(id => id.ToString()), read.Select(e => e.GetProperty("id").GetString()));
        var first = read[0];
        Assert.Equal("1.0", first.GetProperty("specversion").GetString());
        Assert.Equal(IntegrationsServiceFactory.TieSigned, first.GetProperty("type").GetString());
        Assert.Equal("urn:diplomacy:membership", first.GetProperty("source").GetString());
        Assert.Equal(tie.ToString(), first.GetProperty("subject").GetString());
        Assert.Equal(tie, first.GetProperty("data").GetProperty("partnerCityId").GetGuid());

        // From the cursor of the 8th: exactly the 12 that followed, in order, with the same ids as before.
        var eighth = read[7].GetProperty("sequence").GetString()!;
        var after = await ReadAllAsync(viewer, eighth);
        Assert.Equal(read.Skip(8).Select(e => e.GetProperty("id").GetString()), after.Select(e => e.GetProperty("id").GetString()));
        var sequences = read.Select(e => long.Parse(e.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task Types_filter_the_feed_and_the_cursor_moves_past_what_they_filtered_out()
    {
        await using var publisher = await ReadyAsync();
        var client = service.CreateClient();
        var (_, start) = await ReadAsync(client, "limit=1000");
        var tie = Guid.NewGuid();
        await publisher.TieSignedAsync(tie, 1);
        var terminated = await publisher.TieTerminatedAsync(tie, 2);

        var only = await Eventually.Get(async () =>
            await ReadAllAsync(client, start, $"&types={Uri.EscapeDataString(IntegrationsServiceFactory.TieTerminated)}") is { Count: 1 } items ? items : null,
            what: "the termination alone");
        Assert.Equal(terminated.ToString(), only[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_long_poll_waits_for_the_next_event_and_answers_when_it_is_committed()
    {
        await using var publisher = await ReadyAsync();
        var client = service.CreateClient();
        var (_, cursor) = await ReadAsync(client, "limit=1000");
        // Everything already published is settled: the cursor is at the end.
        await Eventually.True(async () => (await ReadAsync(client, $"after={cursor}")).Items.Length == 0);

        var elapsed = Stopwatch.StartNew();
        var poll = ReadAsync(client, $"after={cursor}&wait=30s");
        // Asserting an absence takes a while by nature: the poll must not answer while nothing follows the cursor.
        Assert.NotSame(poll, await Task.WhenAny(poll, Task.Delay(TimeSpan.FromMilliseconds(500))));
        var id = await publisher.TieSignedAsync(Guid.NewGuid(), 1);
        var (items, next) = await poll;
        Assert.Equal(id.ToString(), Assert.Single(items).GetProperty("id").GetString());
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(20), $"answered after {elapsed.Elapsed}");
        Assert.Equal(items[0].GetProperty("sequence").GetString(), next);
    }

    [Fact]
    public async Task An_empty_long_poll_ends_at_its_wait_with_the_same_cursor()
    {
        var client = service.CreateClient();
        var (_, cursor) = await ReadAsync(client, "limit=1000");
        var elapsed = Stopwatch.StartNew();
        var (items, next) = await ReadAsync(client, $"after={long.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture) + 1_000_000}&wait=1s");
        Assert.Empty(items);
        Assert.True(elapsed.Elapsed >= TimeSpan.FromMilliseconds(900), $"answered after {elapsed.Elapsed}");
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=abc", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("wait=61s", "wait")]
    [InlineData("wait=soon", "wait")]
    [InlineData("types=urn:message:diplomacy:nothing:v1", "types")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string field)
    {
        var response = await service.CreateClient().GetAsync($"{Feed}?{query}");
        await HttpAssert.NamesField(response, field);
    }

    [Fact]
    public async Task Every_reading_role_reads_the_feed_and_no_token_is_401()
    {
        foreach (var role in new[] { Roles.Viewer, Roles.Editor, Roles.Auditor, Roles.Admin })
        {
            var client = service.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", service.Tokens.Mint(role, "global-urban-partnership"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Feed)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateAnonymousClient().GetAsync(Feed)).StatusCode);
    }
}
