using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Membership.PartnerCities;
using Diplomacy.ServiceDefaults.EventStore;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Membership.Tests.Service;

/// <summary>The state the relay maps an event with, on the real PostgreSQL: the same as a replay to that event's version.</summary>
public sealed class ReplayThroughTests(MembershipServiceFactory service) : IClassFixture<MembershipServiceFactory>
{
    [Fact]
    public async Task A_first_event_folded_without_a_read_and_a_later_one_replayed_give_the_replays_state()
    {
        var client = service.CreateClient();
        var (location, _) = await service.ProposeAsync(client, "Hue");
        (await client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" })).EnsureSuccessStatusCode();
        var id = Guid.Parse(location.ToString().Split('/')[^1]);

        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Equal(2, events.Count);
        foreach (var @event in events)
        {
            var through = await session.ReplayThroughAsync<PartnerCity>(@event);
            var replayed = await session.ReplayAsync<PartnerCity>(id, @event.Version);
            Assert.NotNull(through);
            Assert.Equal(@event.Version, through.Version);
            Assert.Equal(id, through.Id);
            Assert.Equal(JsonSerializer.Serialize(replayed), JsonSerializer.Serialize(through));
        }
    }
}
