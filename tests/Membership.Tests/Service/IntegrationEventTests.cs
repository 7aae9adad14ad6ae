using System.Net;
using System.Net.Http.Json;
using Diplomacy.Contracts.Membership;
using Diplomacy.TestSupport;

namespace Diplomacy.Membership.Tests.Service;

/// <summary>What crosses the real RabbitMQ when a tie is signed.</summary>
public sealed class IntegrationEventTests(MembershipServiceFactory service) : IClassFixture<MembershipServiceFactory>
{
    [Fact]
    public async Task A_signed_tie_is_published_once_on_the_broker()
    {
        var client = service.CreateClient();
        await using var signed = await BrokerProbe<PartnerTieSigned>.StartAsync(service.RabbitMq);
        await using var terminated = await BrokerProbe<PartnerTieTerminated>.StartAsync(service.RabbitMq);

        var (location, _) = await service.ProposeAsync(client, "Hanoi");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{location}/agreement", new { signedOn = "1996-05" })).StatusCode);
        // The relay publishes in stream order: once the later termination has arrived, any copy of the signature would have too.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{location}/termination", new { terminatedOn = "2020" })).StatusCode);

        await Eventually.True(() => Task.FromResult(!terminated.Received.IsEmpty), what: "the termination to be published");

        var received = Assert.Single(signed.Received);
        var id = Guid.Parse(location.ToString().Split('/')[^1]);
        Assert.Equal(new { Id = id, City = "Hanoi", Country = "VN", Tie = "sister", SignedOn = "1996-05" },
            new { Id = received.Message.PartnerCityId, received.Message.City, received.Message.Country, received.Message.Tie, received.Message.SignedOn });
        Assert.NotNull(received.MessageId);
        Assert.Equal(id, Assert.Single(terminated.Received).Message.PartnerCityId);
    }
}
