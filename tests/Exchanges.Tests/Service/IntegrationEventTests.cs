using Diplomacy.Contracts.Exchanges;
using Diplomacy.TestSupport;
using static Diplomacy.Exchanges.Tests.Service.ExchangesServiceFactory;

namespace Diplomacy.Exchanges.Tests.Service;

/// <summary>What crosses the real RabbitMQ when a partner reports adoption.</summary>
public sealed class IntegrationEventTests(ExchangesServiceFactory service) : IClassFixture<ExchangesServiceFactory>
{
    [Fact]
    public async Task Only_an_adoption_with_intent_to_procure_is_published_with_the_partner_and_the_policy()
    {
        var client = service.CreateClient();
        await using var probe = await BrokerProbe<PolicyAdoptedWithProcurementIntent>.StartAsync(service.RabbitMq);
        var policyId = await service.CatalogueAsync(client, "Transit card system");
        var location = await service.DeliveringAsync(client, policyId, "Bangkok", "TH");

        // Neither a pilot without intent nor "none" with intent is a lead.
        await OkAsync(client, location, "outcome", new { adoptionLevel = "piloting", intendsToProcure = false, reportedOn = "2014" });
        await OkAsync(client, location, "outcome", new { adoptionLevel = "none", intendsToProcure = true, reportedOn = "2014" });
        await OkAsync(client, location, "outcome", new { adoptionLevel = "adopted", intendsToProcure = true, reportedOn = "2015-02", evidence = "Tender issued" });

        await Eventually.True(() => Task.FromResult(!probe.Received.IsEmpty), what: "the adoption to be published");
        var (messageId, message) = Assert.Single(probe.Received);
        Assert.NotNull(messageId);
        var exchangeId = Guid.Parse(location.ToString().Split('/')[^1]);
        Assert.Equal(
            new { ExchangeId = exchangeId, PolicyId = policyId, Sector = "21020", PartnerCity = "Bangkok", PartnerCountry = "TH", AdoptionLevel = "adopted", Evidence = (string?)"Tender issued", ReportedOn = "2015-02" },
            new { message.ExchangeId, message.PolicyId, message.Sector, message.PartnerCity, message.PartnerCountry, message.AdoptionLevel, message.Evidence, message.ReportedOn });
        Assert.StartsWith("Transit card system", message.PolicyTitle);
    }
}
