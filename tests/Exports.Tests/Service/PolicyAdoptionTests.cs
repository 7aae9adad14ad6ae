using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Contracts.Exchanges;
using Diplomacy.Exports.Projects;
using Diplomacy.TestSupport;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Exports.Tests.Service;

/// <summary>The adoption-with-procurement-intent event of Exchanges, delivered through the real broker.</summary>
public sealed class PolicyAdoptionTests(ExportsServiceFactory service) : IClassFixture<ExportsServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = service.CreateClient();
    private IBusControl _exchanges = null!;

    public async Task InitializeAsync()
    {
        await service.WaitForBusAsync();
        // Stands in for the Exchanges service: a bus of its own on the test's virtual host.
        _exchanges = await TestBus.StartAsync(service.RabbitMq);
    }

    public async Task DisposeAsync() => await _exchanges.StopAsync();

    private static PolicyAdoptedWithProcurementIntent Adoption(Guid exchangeId, string city = "Ulaanbaatar") => new(
        exchangeId, Guid.NewGuid(), "Transit card system", "transport", city, "MN", "adopted", "Council resolution 12", "2014-09",
        DateTimeOffset.UtcNow);

    private Task PublishAsync(PolicyAdoptedWithProcurementIntent message, Guid messageId) =>
        _exchanges.Publish(message, context => context.MessageId = messageId);

    private async Task<JsonElement> LeadAsync(Guid exchangeId) =>
        await Eventually.Get(async () =>
        {
            var response = await _client.GetAsync($"{ExportsServiceFactory.ProjectsPath}/{ExportProject.LeadIdFor(exchangeId)}");
            return response.StatusCode == HttpStatusCode.OK ? (object)await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }, TimeSpan.FromSeconds(30), $"the lead of exchange {exchangeId}") is JsonElement lead ? lead : default;

    [Fact]
    public async Task The_same_adoption_delivered_twice_opens_one_lead()
    {
        var exchange = Guid.NewGuid();
        var message = Adoption(exchange);
        var messageId = NewId.NextGuid();

        await PublishAsync(message, messageId);
        await PublishAsync(message, messageId);

        var lead = await LeadAsync(exchange);
        Assert.Equal("policySharing", lead.GetProperty("origin").GetString());
        Assert.Equal(exchange.ToString(), lead.GetProperty("exchangeId").GetString());
        Assert.Equal("Ulaanbaatar", lead.GetProperty("clientCity").GetString());
        Assert.Equal("MN", lead.GetProperty("clientCountry").GetString());
        Assert.Equal("Transit card system", lead.GetProperty("solution").GetString());
        Assert.Equal("2014-09", lead.GetProperty("identifiedOn").GetString());
        Assert.Equal("lead", lead.GetProperty("status").GetString());

        // The endpoint handles messages in order closely enough that once a later exchange's lead exists, the
        // duplicate has been handled too; and the handled-message record proves it was seen.
        var later = Guid.NewGuid();
        await PublishAsync(Adoption(later, "Hanoi"), NewId.NextGuid());
        await LeadAsync(later);
        await Eventually.True(async () => await HandledAsync(messageId), what: "the message id to be recorded");

        Assert.Equal(1, await service.CountLeadsForExchangeAsync(exchange));
        Assert.Equal(1, await CountEventsOfLeadAsync(exchange));
    }

    [Fact]
    public async Task The_same_adoption_under_another_message_id_still_opens_one_lead()
    {
        var exchange = Guid.NewGuid();
        var first = NewId.NextGuid();
        var second = NewId.NextGuid();

        await PublishAsync(Adoption(exchange), first);
        await LeadAsync(exchange);
        await PublishAsync(Adoption(exchange), second);

        await Eventually.True(async () => await HandledAsync(second), TimeSpan.FromSeconds(30), "the second copy to be handled");
        Assert.Equal(1, await service.CountLeadsForExchangeAsync(exchange));
        Assert.Equal(1, await CountEventsOfLeadAsync(exchange));
    }

    [Fact]
    public async Task Copies_racing_each_other_open_one_lead()
    {
        var exchange = Guid.NewGuid();
        var ids = Enumerable.Range(0, 8).Select(_ => NewId.NextGuid()).ToList();

        await Task.WhenAll(ids.Select(id => PublishAsync(Adoption(exchange), id)));

        await LeadAsync(exchange);
        // A copy that lost the race for the stream id is recorded as handled too, on its own.
        await Eventually.True(async () => (await Task.WhenAll(ids.Select(HandledAsync))).All(handled => handled),
            TimeSpan.FromSeconds(30), "every copy to be handled");
        await Eventually.True(async () => await QueueIsEmptyAsync(), TimeSpan.FromSeconds(30), "the queue to be empty");
        Assert.Equal(1, await service.CountLeadsForExchangeAsync(exchange));
        // A lost race is acknowledged, not retried into the error queue.
        Assert.Equal(0, await ErrorQueueDepthAsync());
        Assert.Equal(1, await CountEventsOfLeadAsync(exchange));
    }

    [Fact]
    public async Task The_lead_records_the_message_that_caused_it()
    {
        var exchange = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        await PublishAsync(Adoption(exchange), messageId);
        await LeadAsync(exchange);

        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var @event = Assert.Single(await session.Events.FetchStreamAsync(ExportProject.LeadIdFor(exchange)));
        Assert.Equal(messageId.ToString(), @event.CausationId);
        Assert.Equal("message:PolicyAdoptedWithProcurementIntent", @event.UserName);
        // Stamped by the shared consumer: the publishing service is the client, the message type the command.
        Assert.Equal(("none", "exchanges", "PolicyAdoptedWithProcurementIntent"),
            (@event.Headers?["department"]?.ToString(), @event.Headers?["client"]?.ToString(), @event.Headers?["command"]?.ToString()));
    }

    [Fact]
    public async Task A_lead_posted_for_an_exchange_is_not_opened_again_by_the_event()
    {
        var exchange = Guid.NewGuid();
        var posted = await _client.PostAsJsonAsync(ExportsServiceFactory.ProjectsPath, new
        {
            solution = "Transit card system", clientCity = "Ulaanbaatar", clientCountry = "MN", origin = "policySharing",
            exchangeId = exchange, identifiedOn = "2014",
        });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var messageId = NewId.NextGuid();

        await PublishAsync(Adoption(exchange), messageId);
        await Eventually.True(async () => await HandledAsync(messageId), TimeSpan.FromSeconds(30), "the adoption to be handled");

        Assert.Equal(1, await service.CountLeadsForExchangeAsync(exchange));
        var again = await _client.PostAsJsonAsync(ExportsServiceFactory.ProjectsPath, new
        {
            solution = "Transit card system", clientCity = "Ulaanbaatar", clientCountry = "MN", origin = "policySharing", exchangeId = exchange,
        });
        await HttpAssert.Problem(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Exports_from_policy_sharing_are_listed()
    {
        var exchange = Guid.NewGuid();
        await PublishAsync(Adoption(exchange), NewId.NextGuid());
        await LeadAsync(exchange);
        await service.IdentifyAsync(_client);

        var fromSharing = await _client.GetFromJsonAsync<JsonElement>($"{ExportsServiceFactory.ProjectsPath}?fromPolicySharing=true&pageSize=200");
        var items = fromSharing.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, p => p.GetProperty("exchangeId").GetString() == exchange.ToString());
        Assert.All(items, p => Assert.Equal("policySharing", p.GetProperty("origin").GetString()));

        var byExchange = await _client.GetFromJsonAsync<JsonElement>($"{ExportsServiceFactory.ProjectsPath}?exchange={exchange}");
        Assert.Equal(1, byExchange.GetProperty("totalItems").GetInt64());
    }

    // ?exchange=...&wait=: a read of an exchange's lead that waits for the lead.
    private static string ByExchange(Guid exchange, string wait) => $"{ExportsServiceFactory.ProjectsPath}?exchange={exchange}&wait={wait}";

    [Fact]
    public async Task A_read_that_waits_answers_as_soon_as_the_lead_opens()
    {
        var exchange = Guid.NewGuid();
        var timer = Stopwatch.StartNew();
        var waiting = _client.GetFromJsonAsync<JsonElement>(ByExchange(exchange, "20s"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(waiting.IsCompleted, "The read answered before there was a lead to answer with.");

        await PublishAsync(Adoption(exchange), NewId.NextGuid());
        var page = await waiting;

        Assert.Equal(1, page.GetProperty("totalItems").GetInt64());
        Assert.Equal(exchange.ToString(), page.GetProperty("items")[0].GetProperty("exchangeId").GetString());
        // Answered at the lead's commit, not at the end of its 20 s.
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(15), $"Answered after {timer.Elapsed}.");
    }

    [Fact]
    public async Task A_read_that_waits_for_a_lead_that_never_comes_answers_an_empty_page_when_its_wait_is_over()
    {
        var timer = Stopwatch.StartNew();
        var page = await _client.GetFromJsonAsync<JsonElement>(ByExchange(Guid.NewGuid(), "1"));

        Assert.True(timer.Elapsed >= TimeSpan.FromSeconds(1), $"Answered after {timer.Elapsed}, before its wait was over.");
        Assert.Equal(0, page.GetProperty("totalItems").GetInt64());
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_list_read_names_every_wrong_parameter_in_one_answer()
    {
        var response = await _client.GetAsync($"{ExportsServiceFactory.ProjectsPath}?country=korea&pageSize=0&page=0&wait=forever");
        foreach (var field in new[] { "country", "pageSize", "page", "wait" }) await HttpAssert.NamesField(response, field);
        await HttpAssert.NamesField(await _client.GetAsync($"{ExportsServiceFactory.ProjectsPath}?exchange=not-a-uuid"), "exchange");
        // Every value that does not parse is named in one answer, each with what it must be.
        var unparsable = await _client.GetAsync($"{ExportsServiceFactory.ProjectsPath}?exchange=not-a-uuid&fromPolicySharing=maybe&pageSize=abc&page=0");
        foreach (var field in new[] { "exchange", "fromPolicySharing", "pageSize", "page" }) await HttpAssert.NamesField(unparsable, field);
        var errors = (await unparsable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Must be a UUID.", errors.GetProperty("exchange")[0].GetString());
        Assert.Equal("Must be true or false.", errors.GetProperty("fromPolicySharing")[0].GetString());
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("26s")]
    [InlineData("-1")]
    [InlineData("1.5s")]
    public async Task A_wait_that_is_not_whole_seconds_up_to_25_is_refused(string wait) =>
        await HttpAssert.NamesField(await _client.GetAsync(ByExchange(Guid.NewGuid(), wait)), "wait");

    private async Task<bool> HandledAsync(Guid messageId)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var handled = await session.LoadAsync<Diplomacy.ServiceDefaults.Messaging.HandledMessage>(
            $"PolicyAdoptedWithProcurementIntentConsumer:{messageId}");
        return handled is not null;
    }

    private async Task<int> CountEventsOfLeadAsync(Guid exchange)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(ExportProject.LeadIdFor(exchange))).Count;
    }

    private const string Queue = "exports-policy-adopted-with-procurement-intent";

    private async Task<bool> QueueIsEmptyAsync() => await DepthAsync(Queue) == 0;

    private async Task<int> ErrorQueueDepthAsync() => await DepthAsync($"{Queue}_error") ?? 0;

    /// <summary>Messages ready or unacknowledged in a queue of the test's virtual host; null when there is no such queue.</summary>
    private async Task<int?> DepthAsync(string queue)
    {
        using var http = new HttpClient { BaseAddress = TestServers.RabbitMqManagement };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        var vhost = Uri.EscapeDataString(service.RabbitMq.AbsolutePath.Trim('/'));
        var response = await http.GetAsync($"api/queues/{vhost}/{queue}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.TryGetProperty("messages", out var messages) ? messages.GetInt32() : 0;
    }
}
