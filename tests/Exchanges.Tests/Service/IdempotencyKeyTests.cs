using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Security;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Exchanges.Tests.Service;

/// <summary>
/// <c>Idempotency-Key</c> on the shared command pipeline, through the Exchanges service on the real database: a request
/// sent again with its key is applied once and answered as the first time, whether it comes after the first answered,
/// side by side with it, or after a stale If-Match.
/// </summary>
public sealed class IdempotencyKeyTests(ExchangesServiceFactory service) : IClassFixture<ExchangesServiceFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_create_sent_again_with_its_key_starts_one_stream_and_gets_the_first_answer_again()
    {
        var policyId = await service.CatalogueAsync(_client);
        var key = Guid.NewGuid().ToString();
        var body = new { partnerCity = "Hanoi", partnerCountry = "VN", channel = "bilateral", policyIds = new[] { policyId }, requestedOn = "2013-03" };

        var first = await _client.PostWithKeyAsync("/api/exchanges/exchanges", body, key);
        await first.AssertStatus(HttpStatusCode.Created);
        // Sent again, the key quoted as the draft writes it (a structured-field string): the same key.
        await (await _client.PostWithKeyAsync("/api/exchanges/exchanges", body, $"\"{key}\"")).AssertAnswersAgain(first);
        var id = IdOf(first.Headers.Location!);
        Assert.Equal(1, await EventsOfAsync(id));
        Assert.Equal(1, await StreamsOfPolicyAsync(policyId));

        // The same key for another request: 422, and still one exchange.
        var other = await _client.PostWithKeyAsync("/api/exchanges/exchanges", body with { partnerCity = "Hue" }, key);
        var problem = await other.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString());
        Assert.Equal(1, await StreamsOfPolicyAsync(policyId));

        // Keys are the caller's own: another caller's same key starts its own exchange.
        using var otherCaller = service.CreateClient();
        otherCaller.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", service.Tokens.Mint(Roles.Admin, client: "tests-admin", user: "another-admin"));
        var theirs = await otherCaller.PostWithKeyAsync("/api/exchanges/exchanges", body, key);
        await theirs.AssertStatus(HttpStatusCode.Created);
        Assert.NotEqual(first.Headers.Location, theirs.Headers.Location);
        Assert.Equal(2, await StreamsOfPolicyAsync(policyId));
    }

    [Fact]
    public async Task Copies_of_a_create_sent_side_by_side_start_one_stream()
    {
        var policyId = await service.CatalogueAsync(_client);
        var key = Guid.NewGuid().ToString();
        var body = new { partnerCity = "Ulaanbaatar", partnerCountry = "MN", channel = "bilateral", policyIds = new[] { policyId }, requestedOn = "2014" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.PostWithKeyAsync("/api/exchanges/exchanges", body, key)));

        foreach (var answer in answers) await answer.AssertStatus(HttpStatusCode.Created);
        Assert.Single(answers.Select(a => a.Headers.Location).Distinct());
        Assert.Equal(5, answers.Count(a => a.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await StreamsOfPolicyAsync(policyId));
    }

    [Fact]
    public async Task A_command_sent_again_with_its_key_is_applied_once_with_or_without_if_match_and_side_by_side()
    {
        var location = await service.RequestAsync(_client, await service.CatalogueAsync(_client));
        var id = IdOf(location);
        var scope = new { modality = "studyVisit", participants = 12, plannedStart = "2013-06" };
        var key = Guid.NewGuid().ToString();

        var first = await _client.PostWithKeyAsync($"{location}/scope", scope, key, ifMatch: "\"1\"");
        await first.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("\"2\"", first.Headers.ETag?.Tag);
        // Sent again with its If-Match, now stale: the first answer, not 412.
        var withStaleIfMatch = await _client.PostWithKeyAsync($"{location}/scope", scope, key, ifMatch: "\"1\"");
        // Sent again without If-Match: the first answer, not a second scoping.
        var withoutIfMatch = await _client.PostWithKeyAsync($"{location}/scope", scope, key);
        await withStaleIfMatch.AssertAnswersAgain(first);
        await withoutIfMatch.AssertAnswersAgain(first);
        Assert.Equal(2, await EventsOfAsync(id));

        // Side by side, a command decided on the current version: one copy appends, the others answer as it did.
        var funding = new { source = "External Cooperation Fund", funding = new { amount = 50_000_000, currency = "KRW" }, approvedOn = "2013-05" };
        var fundingKey = Guid.NewGuid().ToString();
        var copies = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _client.PostWithKeyAsync($"{location}/funding-approval", funding, fundingKey)));
        foreach (var copy in copies) await copy.AssertStatus(HttpStatusCode.OK);
        Assert.Single(copies.Select(c => c.Headers.ETag?.Tag).Distinct());
        Assert.Equal(3, await EventsOfAsync(id));

        // Side by side, a command the state allows again and again (one more activity): still one copy appends.
        var activity = new { kind = "visit", deliveredOn = "2013-06-10", participants = 12 };
        var activityKey = Guid.NewGuid().ToString();
        var activities = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _client.PostWithKeyAsync($"{location}/activities", activity, activityKey)));
        foreach (var copy in activities) await copy.AssertStatus(HttpStatusCode.OK);
        Assert.Single(activities.Select(c => c.Headers.ETag?.Tag).Distinct());
        Assert.Equal(4, await EventsOfAsync(id));

        // Another command under a key already used on this stream: 422, nothing appended.
        var reused = await _client.PostWithKeyAsync($"{location}/schedule", new { startsOn = "2013-06-10", endsOn = "2013-06-19" }, key);
        await reused.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(4, await EventsOfAsync(id));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    [InlineData("a\tb")]
    public async Task A_malformed_key_is_named_and_changes_nothing(string key)
    {
        var location = await service.RequestAsync(_client, await service.CatalogueAsync(_client));
        var id = IdOf(location);

        var response = await _client.PostWithKeyAsync($"{location}/scope", new { modality = "studyVisit", participants = 12, plannedStart = "2013-06" }, key);

        await HttpAssert.NamesField(response, "Idempotency-Key");
        Assert.Equal(1, await EventsOfAsync(id));
    }

    [Fact]
    public async Task A_key_too_long_is_named_beside_a_malformed_if_match_and_the_body_s_wrong_fields()
    {
        var location = await service.RequestAsync(_client, await service.CatalogueAsync(_client));

        var command = await _client.PostWithKeyAsync($"{location}/scope", new { modality = "studyVisit", participants = 0, plannedStart = "2013-06" },
            new string('k', 256), ifMatch: "three");
        var create = await _client.PostWithKeyAsync("/api/exchanges/exchanges",
            new { partnerCity = "Hanoi", partnerCountry = "VN", channel = "bilateral", policyIds = Array.Empty<Guid>(), requestedOn = "2013" }, "a\tb");

        foreach (var field in new[] { "Idempotency-Key", "If-Match", "participants" }) await HttpAssert.NamesField(command, field);
        foreach (var field in new[] { "Idempotency-Key", "policyIds" }) await HttpAssert.NamesField(create, field);
    }

    private static Guid IdOf(Uri location) => Guid.Parse(location.OriginalString.Split('/')[^1]);

    private async Task<int> EventsOfAsync(Guid id)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(id)).Count;
    }

    private async Task<int> StreamsOfPolicyAsync(Guid policyId)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/exchanges/exchanges?policy={policyId}&pageSize=50");
        return page.GetProperty("items").GetArrayLength();
    }
}
