using Xunit.Abstractions;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Faults.Tests;

/// <summary>PostgreSQL killed under load: 503 with Retry-After from every service, never a 500, and nothing accepted lost.</summary>
[Collection("faults")]
public sealed class DatabaseFaultTests(FaultPlatform platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Killing_PostgreSQL_mid_load_answers_503_never_500_and_loses_nothing_answered_2xx()
    {
        using var gateway = platform.Client(platform.Tokens.Admin());
        var load = Workload.Start(gateway, workers: 8, outcomes: true);
        await load.WaitForSuccessesAsync(150, Deadline);

        await platform.Servers.KillPostgresAsync();
        try
        {
            await EveryServiceSaysUnavailableAsync(gateway, load);
        }
        finally
        {
            await platform.Servers.StartPostgresAsync();
        }
        await platform.AllReadyAsync();
        await load.WaitForSuccessesAsync(150, Deadline);
        await load.StopAsync();
        output.WriteLine($"{load.Summary}; {platform.Elapsed}");

        Checks.OnlyAcceptedOrUnavailable(load, unavailableAllowed: true, platform.Output);
        Assert.True(load.Answered(503) > 0, $"Nothing answered 503 while PostgreSQL was down: {load.Summary}");
        await Checks.NothingAcceptedIsLostAsync(gateway, load);
        await Checks.EachOutcomeOpensOneLeadAsync(gateway, load, Deadline, platform.DescribeAsync);
    }

    /// <summary>Reads, lists and commands of each service, and its /health/ready, while the database is down.</summary>
    private async Task EveryServiceSaysUnavailableAsync(HttpClient gateway, Workload load)
    {
        foreach (var (service, collection, command, body) in new (string, string, string, object)[]
                 {
                     ("Membership", "/api/membership/networks", "rename", new { name = "Renamed while down", effectiveOn = "2017" }),
                     ("Exchanges", "/api/exchanges/policies", "summary", new { summary = "Revised while down" }),
                     ("PeaceBuilding", "/api/peace/programs", "risk-assessment", new { level = "low", screening = "cleared", assessedOn = "2017-09" }),
                     ("Exports", "/api/exports/projects", "qualification", new { qualifiedOn = "2008" }),
                 })
        {
            var stream = load.Accepted.Keys.First(path => path.StartsWith(collection + "/", StringComparison.Ordinal));
            await Checks.UnavailableAsync(await gateway.GetAsync(stream), $"GET {stream}");
            await Checks.UnavailableAsync(await gateway.GetAsync($"{stream}/history"), $"GET {stream}/history");
            await Checks.UnavailableAsync(await gateway.GetAsync(collection), $"GET {collection}");
            await Checks.UnavailableAsync(await gateway.PostAsJsonAsync($"{stream}/{command}", body), $"POST {stream}/{command}");

            using var health = new HttpClient();
            using var ready = await health.GetAsync(new Uri(platform.UrlOf(service), "/health/ready"));
            var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.NotNull(ready.Headers.RetryAfter);
            Assert.Equal("unhealthy", report.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        }
        // Commands on existing streams are refused the same way by the load's own callers.
        await Eventually.True(() => Task.FromResult(load.Answered(503) > 20), Deadline, $"503 answers to the load ({load.Summary})");
    }
}
