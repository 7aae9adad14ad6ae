using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Membership.PartnerCities;
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
}
