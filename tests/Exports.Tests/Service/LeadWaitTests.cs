using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Contracts.Exchanges;
using Diplomacy.TestSupport;
using MassTransit;

namespace Diplomacy.Exports.Tests.Service;

/// <summary>
/// <c>?exchange=...&amp;wait=</c>: a read of an exchange's lead that waits for the lead, opened by the adoption event
/// delivered through the real broker.
/// </summary>
public sealed class LeadWaitTests(ExportsServiceFactory service) : IClassFixture<ExportsServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = service.CreateClient();
    private IBusControl _exchanges = null!;

    public async Task InitializeAsync()
    {
        await service.WaitForBusAsync();
        _exchanges = await TestBus.StartAsync(service.RabbitMq);
    }

    public async Task DisposeAsync() => await _exchanges.StopAsync();

    private static string ByExchange(Guid exchange, string wait) => $"{ExportsServiceFactory.ProjectsPath}?exchange={exchange}&wait={wait}";

    [Fact]
    public async Task A_read_that_waits_answers_as_soon_as_the_lead_opens()
    {
        var exchange = Guid.NewGuid();
        var timer = Stopwatch.StartNew();
        var waiting = _client.GetFromJsonAsync<JsonElement>(ByExchange(exchange, "20s"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(waiting.IsCompleted, "The read answered before there was a lead to answer with.");

        await _exchanges.Publish(new PolicyAdoptedWithProcurementIntent(exchange, Guid.NewGuid(), "Transit card system", "transport",
            "Ulaanbaatar", "MN", "adopted", "Council resolution 12", "2014-09", DateTimeOffset.UtcNow));
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

    [Theory]
    [InlineData("forever")]
    [InlineData("26s")]
    [InlineData("-1")]
    [InlineData("1.5s")]
    public async Task A_wait_that_is_not_whole_seconds_up_to_25_is_refused(string wait) =>
        await HttpAssert.NamesField(await _client.GetAsync(ByExchange(Guid.NewGuid(), wait)), "wait");
}
