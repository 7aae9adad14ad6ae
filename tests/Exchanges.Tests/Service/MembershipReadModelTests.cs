using System.Net;
using System.Net.Http.Json;
using Diplomacy.Contracts.Membership;
using Diplomacy.Exchanges.Integration;
using Diplomacy.TestSupport;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Exchanges.Tests.Service;

/// <summary>
/// Seoul's network memberships reach the Exchanges service as the Membership service publishes them: through
/// the real RabbitMQ (on the factory's virtual host), into the service's own read model.
/// </summary>
public sealed class MembershipReadModelTests(ExchangesServiceFactory service) : IClassFixture<ExchangesServiceFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = service.CreateClient();
    private IBusControl _membership = null!;

    public async Task InitializeAsync()
    {
        await service.WaitForBusAsync();
        // Stands in for the Membership service's relay: a separate bus on the same broker and virtual host.
        _membership = await TestBus.StartAsync(service.RabbitMq);
    }

    public async Task DisposeAsync() => await _membership.StopAsync();

    private async Task<HttpResponseMessage> RequestThroughAsync(Guid networkId, Guid policyId) =>
        await _client.PostAsJsonAsync("/api/exchanges/exchanges", new
        {
            partnerCity = "Ulaanbaatar", partnerCountry = "MN", channel = "cityNetwork", networkId, policyIds = new[] { policyId }, requestedOn = "2014",
        });

    private async Task<NetworkMembershipStatus?> StatusAsync(Guid networkId)
    {
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<NetworkMembershipStatus>(networkId);
    }

    private Task Publish(object message, Guid messageId) => _membership.Publish(message, message.GetType(), c => c.MessageId = messageId);

    [Fact]
    public async Task An_activation_makes_a_network_request_valid_once_even_redelivered_and_an_ending_makes_it_invalid_again()
    {
        var policyId = await service.CatalogueAsync(_client);
        var networkId = Guid.NewGuid();
        var membershipId = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;

        // Nothing known about the network yet: 409, nothing appended.
        var before = await service.CountEventsAsync();
        await HttpAssert.Problem(await RequestThroughAsync(networkId, policyId), HttpStatusCode.Conflict);
        Assert.Equal(before, await service.CountEventsAsync());

        var activatedId = Guid.NewGuid();
        var activated = new MembershipActivated(membershipId, networkId, "CityNet", "2013-11", at);
        await Publish(activated, activatedId);
        await Publish(activated, activatedId);
        await Eventually.True(async () => await StatusAsync(networkId) is { Active: true }, what: "the activation to reach the read model");

        var created = await RequestThroughAsync(networkId, policyId);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var exchange = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("CityNet", exchange.GetProperty("networkAcronym").GetString());

        // The withdrawal comes later; once it has been handled the duplicate activation certainly was too (one queue, in order or retried).
        await Publish(new MembershipEnded(membershipId, networkId, "CityNet", "withdrawn", "2020", at.AddMinutes(1)), Guid.NewGuid());
        await Eventually.True(async () => await StatusAsync(networkId) is { Active: false }, what: "the ending to reach the read model");

        await using (var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            var handled = await session.Query<Diplomacy.ServiceDefaults.Messaging.HandledMessage>()
                .Where(h => h.Id == $"{nameof(MembershipActivatedConsumer)}:{activatedId}").CountAsync();
            Assert.Equal(1, handled);
        }
        Assert.Equal(2, (await StatusAsync(networkId))!.Changes);

        before = await service.CountEventsAsync();
        await HttpAssert.Problem(await RequestThroughAsync(networkId, policyId), HttpStatusCode.Conflict);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task An_older_activation_delivered_after_the_ending_changes_nothing()
    {
        var networkId = Guid.NewGuid();
        var membershipId = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;

        await Publish(new MembershipEnded(membershipId, networkId, "C40", "lapsed", "2019", at), Guid.NewGuid());
        await Eventually.True(async () => await StatusAsync(networkId) is not null, what: "the ending to reach the read model");
        var stale = Guid.NewGuid();
        await Publish(new MembershipActivated(membershipId, networkId, "C40", "2006-07-25", at.AddDays(-1)), stale);
        await Eventually.True(async () =>
        {
            await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            return await session.LoadAsync<Diplomacy.ServiceDefaults.Messaging.HandledMessage>($"{nameof(MembershipActivatedConsumer)}:{stale}") is not null;
        }, what: "the stale activation to be handled");

        var status = (await StatusAsync(networkId))!;
        Assert.False(status.Active);
        Assert.Equal(1, status.Changes);
        await HttpAssert.Problem(await RequestThroughAsync(networkId, await service.CatalogueAsync(_client)), HttpStatusCode.Conflict);
    }
}
