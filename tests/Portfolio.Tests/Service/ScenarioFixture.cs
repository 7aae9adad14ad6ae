using System.Text.Json;
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

    // While the views are still being built, figures are absent from the answer (nulls are not written): not complete yet.
    public static bool Complete(JsonElement a) =>
        Path(a, "networks") is { ValueKind: JsonValueKind.Array } networks && networks.GetArrayLength() == 1
        && Path(networks[0], "name")?.ValueKind == JsonValueKind.String
        && Path(networks[0], "membershipStatus")?.GetString() == "active"
        && Number(a, "partnerCities", "total") == 1
        && Path(a, "partnerCities", "byStatus", "active") is not null
        && Number(a, "policies", "total") == 2
        && Number(a, "exchanges", "participantsTrained") == 12
        && Number(a, "peacePrograms", "total") == 1
        && Number(a, "exportProjects", "total") == 1;

    private static JsonElement? Path(JsonElement element, params string[] names)
    {
        foreach (var name in names)
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        return element;
    }

    private static int? Number(JsonElement element, params string[] names) =>
        Path(element, names) is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() : null;
}
