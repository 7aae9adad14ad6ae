using Diplomacy.TestSupport;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>The Portfolio service with <see cref="Scenario"/> published to it once through the real broker, its views built.</summary>
public sealed class ScenarioFixture : PortfolioServiceFactory
{
    public Scenario Scenario { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var client = CreateClient();
        await WaitForBusAsync();
        // Stands in for the four publishing services: a bus of its own on the test's virtual host.
        var publishers = await TestBus.StartAsync(RabbitMq);
        try { await Scenario.PublishAsync(publishers); }
        finally { await publishers.StopAsync(); }
        await WhenAsync(client, "/api/portfolio/assets", Complete, "every view to hold the scenario");
    }

    // While the views are still empty their figures are absent from the answer: not complete yet.
    public static bool Complete(System.Text.Json.JsonElement a) =>
        a.TryGetProperty("networks", out _) && a.TryGetProperty("partnerCities", out _) && a.TryGetProperty("policies", out _)
        && a.TryGetProperty("exchanges", out _) && a.TryGetProperty("peacePrograms", out _) && a.TryGetProperty("exportProjects", out _)
        && a.GetProperty("networks").GetArrayLength() == 1 && a.GetProperty("networks")[0].GetProperty("name").ValueKind == System.Text.Json.JsonValueKind.String
        && a.GetProperty("networks")[0].GetProperty("membershipStatus").GetString() == "active"
        && a.GetProperty("partnerCities").GetProperty("total").GetInt32() == 1
        && a.GetProperty("partnerCities").GetProperty("byStatus").TryGetProperty("active", out _)
        && a.GetProperty("policies").GetProperty("total").GetInt32() == 2
        && a.GetProperty("exchanges").GetProperty("participantsTrained").GetInt32() == 12
        && a.GetProperty("peacePrograms").GetProperty("total").GetInt32() == 1
        && a.GetProperty("exportProjects").GetProperty("total").GetInt32() == 1;
}
