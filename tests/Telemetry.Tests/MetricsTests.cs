using System.Net;
using System.Net.Http.Json;
using Diplomacy.TestSupport;

namespace Diplomacy.Telemetry.Tests;

/// <summary>The Prometheus scrape endpoint every service and the gateway serve, open to anyone like /health.</summary>
public sealed class MetricsTests(TracedServices services) : IClassFixture<TracedServices>
{
    [Fact]
    public async Task Metrics_are_scraped_anonymously_with_commands_and_relay_lag()
    {
        var client = services.Membership.CreateClient();
        // Sent twice with one Idempotency-Key: handled once, answered again once.
        var key = Guid.NewGuid().ToString();
        foreach (var _ in new[] { 1, 2 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/membership/networks")
            {
                Content = JsonContent.Create(new
                {
                    acronym = "C40", name = "C40 Cities", founded = 2005,
                    headquartersCity = "London", headquartersCountry = "GB", themes = new[] { "climate" },
                }),
                Headers = { { "Idempotency-Key", key } },
            };
            var network = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, network.StatusCode);
        }

        var scraper = services.Membership.CreateAnonymousClient();
        string text = "";
        try
        {
            await Eventually.True(async () =>
        {
            var response = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            return text.Contains("diplomacy_commands_handled", StringComparison.Ordinal)
                   && text.Contains("diplomacy_commands_replayed", StringComparison.Ordinal)
                   && text.Contains("diplomacy_relay_lag_events", StringComparison.Ordinal)
                   && text.Contains("diplomacy_relay_lag_seconds", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(20), "the command, replay and relay-lag metrics");
        }
        catch (TimeoutException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}{text}");
        }
    }
}
