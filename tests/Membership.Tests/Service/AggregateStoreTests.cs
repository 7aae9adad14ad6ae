using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.TestSupport;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Membership.Tests.Service;

/// <summary>
/// Aggregates carry only their static <c>Fold</c>, with nothing for Marten's source generator to dispatch to:
/// on the real database the store still folds them, through the registered projection, for every way it reads a stream.
/// </summary>
public sealed class AggregateStoreTests(MembershipServiceFactory service) : IClassFixture<MembershipServiceFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private async Task<Guid> ActiveSisterTieAsync()
    {
        var (location, _) = await service.ProposeAsync(_client, "Hanoi");
        var approval = new HttpRequestMessage(HttpMethod.Post, $"{location}/council-approval") { Content = JsonContent.Create(new { approvedOn = "1996-04" }) };
        approval.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(approval)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{location}/agreement", new { signedOn = "1996-05" })).StatusCode);
        return Guid.Parse(location.ToString().Split('/')[^1]);
    }

    [Fact]
    public async Task The_inline_snapshot_is_folded_on_every_append()
    {
        var id = await ActiveSisterTieAsync();

        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var tie = await session.LoadAsync<PartnerCity>(id);

        Assert.NotNull(tie);
        Assert.Equal((id, 3L, PartnerCityStatus.Active), (tie.Id, tie.Version, tie.Status));
        Assert.Equal("1996-04", tie.CouncilApprovedOn?.ToString());
    }

    [Fact]
    public async Task FetchForWriting_folds_the_current_state_and_refuses_a_stale_version()
    {
        var id = await ActiveSisterTieAsync();

        await using var session = service.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var stream = await session.Events.FetchForWriting<PartnerCity>(id);
        Assert.Equal((3L, PartnerCityStatus.Active), (stream.Aggregate!.Version, stream.Aggregate.Status));
        Assert.Equal(3, (await session.Events.FetchForWriting<PartnerCity>(id, 3)).Aggregate!.Version);
        await Assert.ThrowsAnyAsync<ConcurrencyException>(() => session.Events.FetchForWriting<PartnerCity>(id, 2));
    }

    [Fact]
    public async Task Marten_folds_a_stream_live_to_a_version()
    {
        var id = await ActiveSisterTieAsync();

        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var approved = await session.Events.AggregateStreamAsync<PartnerCity>(id, version: 2);

        Assert.NotNull(approved);
        Assert.Equal((PartnerCityStatus.Proposed, "1996-04"), (approved.Status, approved.CouncilApprovedOn?.ToString()));
    }

    [Fact]
    public async Task The_state_replays_to_a_version_and_to_an_instant()
    {
        var id = await ActiveSisterTieAsync();
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var approvedAt = (await session.Events.FetchStreamAsync(id))[1].Timestamp;

        var byVersion = await _client.GetFromJsonAsync<JsonElement>($"/api/membership/partner-cities/{id}?version=2");
        var byInstant = await _client.GetFromJsonAsync<JsonElement>(
            $"/api/membership/partner-cities/{id}?asOf={Uri.EscapeDataString(approvedAt.ToString("O"))}");

        foreach (var replayed in new[] { byVersion, byInstant })
        {
            Assert.Equal(2, replayed.GetProperty("version").GetInt64());
            var state = replayed.GetProperty("state");
            Assert.Equal("proposed", state.GetProperty("status").GetString());
            Assert.Equal("1996-04", state.GetProperty("councilApprovedOn").GetString());
            Assert.Equal(id.ToString(), state.GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task The_relays_replays_fold_the_pages_events_in_memory_as_the_store_would()
    {
        var id = await ActiveSisterTieAsync();
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stored = await session.Events.FetchStreamAsync(id);
        var fromStore = new List<string>();
        for (var v = 1; v <= 3; v++) fromStore.Add(JsonSerializer.Serialize(await session.ReplayAsync<PartnerCity>(id, v)));

        // A page holding the whole stream: each version, twice as the relay asks, equals the store's replay.
        using (Replay.Remember(stored))
            for (var v = 1; v <= 3; v++)
            {
                Assert.Equal(fromStore[v - 1], JsonSerializer.Serialize(await session.ReplayAsync<PartnerCity>(id, v)));
                Assert.Equal(fromStore[v - 1], JsonSerializer.Serialize(await session.ReplayAsync<PartnerCity>(id, v)));
            }

        // The page's events are what answers: one whose signing says 2001 gives 2001, from nothing or from version 2.
        var signed2001 = new JasperFx.Events.Event<AgreementSigned>(new AgreementSigned(PartialDate.Parse("2001-01")))
        {
            StreamId = id, Version = 3, Timestamp = stored[2].Timestamp,
        };
        IReadOnlyList<JasperFx.Events.IEvent> altered = [stored[0], stored[1], signed2001];
        using (Replay.Remember(altered))
        {
            Assert.Equal("2001-01", (await session.ReplayAsync<PartnerCity>(id, 3))?.AgreementSignedOn?.ToString());
            Assert.Equal(2, (await session.ReplayAsync<PartnerCity>(id, 2))?.Version);
            Assert.Equal("2001-01", (await session.ReplayAsync<PartnerCity>(id, 3))?.AgreementSignedOn?.ToString());
        }
        // A page without the stream's start, and nothing replayed yet: the store answers, then the page goes on from it.
        using (Replay.Remember([stored[1], signed2001]))
        {
            Assert.Equal(fromStore[1], JsonSerializer.Serialize(await session.ReplayAsync<PartnerCity>(id, 2)));
            Assert.Equal("2001-01", (await session.ReplayAsync<PartnerCity>(id, 3))?.AgreementSignedOn?.ToString());
        }
        // Outside a page, and for an instant, always the store.
        Assert.Equal("1996-05", (await session.ReplayAsync<PartnerCity>(id, 3))?.AgreementSignedOn?.ToString());
        using (Replay.Remember(altered))
            Assert.Equal("1996-05", (await session.ReplayAsync<PartnerCity>(id, 3, asOf: DateTimeOffset.UtcNow))?.AgreementSignedOn?.ToString());
    }
}
