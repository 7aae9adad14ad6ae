using System.Net.Http.Json;
using Diplomacy.Contracts.Exports;
using Diplomacy.TestSupport;
using static Diplomacy.Exports.Tests.Service.ExportsServiceFactory;

namespace Diplomacy.Exports.Tests.Service;

/// <summary>What crosses the real RabbitMQ as an export goes from lead to closed.</summary>
public sealed class IntegrationEventTests(ExportsServiceFactory service) : IClassFixture<ExportsServiceFactory>
{
    [Fact]
    public async Task Lead_contract_handover_and_closure_are_published_once_each()
    {
        var client = service.CreateClient();
        await using var opened = await BrokerProbe<ExportLeadOpened>.StartAsync(service.RabbitMq);
        await using var signed = await BrokerProbe<ExportContractSigned>.StartAsync(service.RabbitMq);
        await using var handedOver = await BrokerProbe<ExportSystemHandedOver>.StartAsync(service.RabbitMq);
        await using var closed = await BrokerProbe<ExportProjectClosed>.StartAsync(service.RabbitMq);

        var location = await ContractedAsync(service, client);
        await OkAsync(client, $"{location}/financing", new { source = "ifc", instrument = "loan", amount = new { amount = 176_000_000, currency = "USD" } });
        await OkAsync(client, $"{location}/handover", new { handedOverOn = "2012-06" });
        await OkAsync(client, $"{location}/defects-period-end", new { endedOn = "2014-06" });
        // The relay publishes in stream order: once the closure arrived, any copy of the earlier ones would have too.
        await Eventually.True(() => Task.FromResult(!closed.Received.IsEmpty), TimeSpan.FromSeconds(30), "the closure to be published");

        var id = Guid.Parse(location.ToString().Split('/')[^1]);
        var lead = Assert.Single(opened.Received).Message;
        Assert.Equal((id, "Bogota", "CO", "multilateralBank", "2010"), (lead.ProjectId, lead.ClientCity, lead.ClientCountry, lead.Origin, lead.IdentifiedOn));
        var contract = Assert.Single(signed.Received).Message;
        Assert.Equal((id, 176_000_000m, "USD", "2011-07"), (contract.ProjectId, contract.Value, contract.Currency, contract.SignedOn));
        Assert.Equal(["LG CNS"], contract.ConsortiumFirms);
        Assert.Equal("2012-06", Assert.Single(handedOver.Received).Message.HandedOverOn);
        var closure = Assert.Single(closed.Received).Message;
        Assert.Equal(("completed", "2014-06", (string?)null), (closure.Outcome, closure.ClosedOn, closure.Reason));
        Assert.NotNull(Assert.Single(closed.Received).MessageId);
    }

    [Fact]
    public async Task A_lost_export_is_published_as_closed_with_its_reason()
    {
        var client = service.CreateClient();
        await using var closed = await BrokerProbe<ExportProjectClosed>.StartAsync(service.RabbitMq);
        var (location, _) = await service.IdentifyAsync(client, "Quito", "EC");
        await OkAsync(client, $"{location}/loss", new { lostOn = "2012", reason = "another bidder won" });

        await Eventually.True(() => Task.FromResult(!closed.Received.IsEmpty), TimeSpan.FromSeconds(30), "the loss to be published");
        var closure = Assert.Single(closed.Received).Message;
        Assert.Equal(("lost", "another bidder won", "Quito"), (closure.Outcome, closure.Reason, closure.ClientCity));
    }
}
