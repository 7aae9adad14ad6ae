using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.TestSupport;
using Npgsql;

namespace Diplomacy.Integrations.Tests;

/// <summary>
/// The dispatcher stores a round's outcomes in one transaction, and when one delivery changed while it was being sent (a
/// redelivery asked for meanwhile) it stores the others one by one and lets that change stand. Redelivery requests that
/// meet a write of the same deliveries are made again on the latest state.
/// </summary>
public sealed class DispatchRoundTests(IntegrationsServiceFactory service) : IClassFixture<IntegrationsServiceFactory>
{
    private const string Webhooks = IntegrationsServiceFactory.Webhooks;

    [Fact]
    public async Task A_rounds_outcomes_are_stored_in_one_transaction()
    {
        const int Initiatives = 12;
        await using var hook = await SubscribedAsync();
        var deliveries = await hook.DeliveredAsync(Initiatives);

        // Queued again together, one per initiative: every one is a head, due in the same round.
        await hook.RedeliverAllAsync(deliveries);
        await Eventually.True(() => Task.FromResult(hook.Receiver.All.Count == 2 * Initiatives), what: "every delivery sent again");
        var stored = await hook.DeliveriesWhenAsync(
            x => x.GetProperty("attempts").GetInt32() == 2 && x.GetProperty("status").GetString() == "delivered", "the second attempts stored");

        await using var connection = new NpgsqlConnection(service.PostgresConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(distinct xmin::text) from mt_doc_webhook_delivery where id = any($1)", connection)
        {
            Parameters = { new() { Value = stored.Select(d => d.GetProperty("id").GetGuid()).ToArray() } },
        };
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_delivery_changed_while_its_round_was_sent_keeps_the_change_and_the_others_are_stored()
    {
        const int Initiatives = 3;
        await using var hook = await SubscribedAsync();
        var (receiver, id) = (hook.Receiver, hook.Id);
        var deliveries = await hook.DeliveredAsync(Initiatives);
        var changed = deliveries[1].GetProperty("id").GetGuid().ToString();

        // The receiver holds each request for a while (under the 1 s timeout): the round is in flight when one of its
        // deliveries is queued again.
        receiver.Delay = TimeSpan.FromMilliseconds(700);
        await hook.RedeliverAllAsync(deliveries);
        await Eventually.True(() => Task.FromResult(receiver.All.Count == 2 * Initiatives), what: "the round in flight");
        await (await hook.Editor.PostAsync($"{Webhooks}/{id}/deliveries/{changed}/redelivery", null)).AssertStatus(HttpStatusCode.OK);
        receiver.Delay = TimeSpan.Zero;

        // The change stands: that delivery goes a third time; the round's others were stored and are not sent again.
        await Eventually.True(() => Task.FromResult(receiver.All.Count(r => r.WebhookId == changed) == 3), what: "the changed delivery sent again");
        await hook.DeliveriesWhenAsync(x => x.GetProperty("status").GetString() == "delivered", "all delivered");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All(deliveries.Select(d => d.GetProperty("id").GetGuid().ToString()).Where(d => d != changed),
            other => Assert.Equal(2, receiver.All.Count(r => r.WebhookId == other)));
        Assert.Equal(2 * Initiatives + 1, receiver.All.Count);
    }

    [Fact]
    public async Task Redeliveries_asked_for_side_by_side_all_succeed_while_the_dispatcher_sends_them()
    {
        const int Initiatives = 4, Callers = 8;
        await using var hook = await SubscribedAsync();
        var deliveries = await hook.DeliveredAsync(Initiatives);
        var since = Since(deliveries);
        var one = deliveries[0].GetProperty("id").GetGuid();

        // Each request reads the deliveries and writes them back, as the dispatcher does after each round: side by side
        // they overwrite each other's versions, which Marten refuses (one conflict, or several of one batch at once).
        var answers = await Task.WhenAll(Enumerable.Range(0, Callers).SelectMany(i => new[]
        {
            hook.Editor.PostAsJsonAsync($"{Webhooks}/{hook.Id}/redelivery", new { since }),
            hook.Editor.PostAsync($"{Webhooks}/{hook.Id}/deliveries/{one}/redelivery", null),
        }));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{a.RequestMessage!.RequestUri}: {(int)a.StatusCode}"));

        // And every delivery ends delivered again.
        await hook.DeliveriesWhenAsync(
            x => x.GetProperty("status").GetString() == "delivered" && x.GetProperty("attempts").GetInt32() >= 2, "every delivery sent again");
    }

    private async Task<Subscription> SubscribedAsync()
    {
        service.CreateClient().Dispose();
        await service.WaitForBusAsync();
        var publisher = await Publisher.StartAsync(service.RabbitMq);
        var editor = service.EditorClient();
        var receiver = await new WebhookReceiver("whsec_" + Convert.ToBase64String(new byte[32])).StartAsync();
        var (id, secret) = await IntegrationsServiceFactory.RegisterAsync(editor, receiver.Url, IntegrationsServiceFactory.TieSigned);
        receiver.Secrets[0] = secret;
        return new Subscription(editor, id, receiver, publisher);
    }

    private static DateTimeOffset Since(JsonElement[] deliveries) => deliveries.Min(d => d.GetProperty("committedAt").GetDateTimeOffset());

    /// <summary>A webhook of the editor's department, its receiver, and the publisher whose events it gets.</summary>
    private sealed record Subscription(HttpClient Editor, Guid Id, WebhookReceiver Receiver, Publisher Publisher) : IAsyncDisposable
    {
        /// <summary>One event for each of <paramref name="initiatives"/> initiatives, each delivered once.</summary>
        public async Task<JsonElement[]> DeliveredAsync(int initiatives)
        {
            for (var i = 0; i < initiatives; i++) await Publisher.TieSignedAsync(Guid.NewGuid(), 1);
            return await Eventually.Get(async () => await IntegrationsServiceFactory.DeliveriesAsync(Editor, Id) is var d
                && d.Length == initiatives && d.All(x => x.GetProperty("status").GetString() == "delivered") ? d : null, what: "the first deliveries");
        }

        /// <summary>The delivery log once every delivery in it is as <paramref name="each"/> says.</summary>
        public Task<JsonElement[]> DeliveriesWhenAsync(Func<JsonElement, bool> each, string what) =>
            Eventually.Get(async () => await IntegrationsServiceFactory.DeliveriesAsync(Editor, Id) is var d && d.All(each) ? d : null, what: what);

        public async Task RedeliverAllAsync(JsonElement[] deliveries)
        {
            var queued = await Editor.PostAsJsonAsync($"{Webhooks}/{Id}/redelivery", new { since = Since(deliveries) });
            await queued.AssertStatus(HttpStatusCode.Accepted);
            Assert.Equal(deliveries.Length, (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32());
        }

        public async ValueTask DisposeAsync()
        {
            await Receiver.DisposeAsync();
            await Publisher.DisposeAsync();
        }
    }
}
