using System.Net.Http.Json;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.TestSupport;
using static Diplomacy.PeaceBuilding.Tests.Service.PeaceBuildingServiceFactory;

namespace Diplomacy.PeaceBuilding.Tests.Service;

/// <summary>What crosses the real RabbitMQ when a program is approved, suspended, resumed and completed.</summary>
public sealed class IntegrationEventTests(PeaceBuildingServiceFactory service) : IClassFixture<PeaceBuildingServiceFactory>
{
    [Fact]
    public async Task An_approved_program_is_published_once_with_its_partners_area_and_amounts()
    {
        var client = service.CreateClient();
        await using var approved = await BrokerProbe<PeaceProgramApproved>.StartAsync(service.RabbitMq);
        await using var suspended = await BrokerProbe<PeaceProgramSuspended>.StartAsync(service.RabbitMq);
        await using var resumed = await BrokerProbe<PeaceProgramResumed>.StartAsync(service.RabbitMq);
        await using var completed = await BrokerProbe<PeaceProgramCompleted>.StartAsync(service.RabbitMq);

        var program = await RegisterAsync(client);
        var id = Guid.Parse(program.ToString().Split('/')[^1]);
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/allocation", new { fund = Fund, amount = new { amount = 500, currency = "USD" }, allocatedOn = "2018" }));
        await ApproveAsync(client, program);
        // Facts after the approval must not leak into the approval's message.
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/allocation", new { fund = Fund, amount = new { amount = 100, currency = "USD" }, allocatedOn = "2019" }));
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/suspension", new { reason = "sanctions", suspendedOn = "2019-02" }));
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/resumption", new { resumedOn = "2019-06" }));
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/delivery", Delivery(250, "USD")));
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/completion", new { completedOn = "2019-12" }));

        // The relay publishes in stream order: once the completion has arrived, any copy of the earlier ones would have too.
        await Eventually.True(() => Task.FromResult(!completed.Received.IsEmpty), what: "the completion to be published");

        var message = Assert.Single(approved.Received);
        Assert.Equal(id, message.Message.ProgramId);
        Assert.Equal("socioCultural", message.Message.Area);
        Assert.Equal("2018-11", message.Message.ApprovedOn);
        Assert.Equal([new PeacePartner("Pyongyang", "KP", "city"), new PeacePartner("UNICEF", "US", "organisation")], message.Message.Partners);
        Assert.Equal([new PeaceFundAmount(Fund, "USD", 500, 0)], message.Message.Funds);
        Assert.NotNull(message.MessageId);

        Assert.Equal(("sanctions", "2019-02"), (Assert.Single(suspended.Received).Message.Reason, suspended.Received.Single().Message.SuspendedOn));
        Assert.Equal("2019-06", Assert.Single(resumed.Received).Message.ResumedOn);
        var done = Assert.Single(completed.Received).Message;
        Assert.Equal([new PeaceFundAmount(Fund, "USD", 600, 250)], done.Funds);
    }
}
