extern alias integrations;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Diplomacy.Contracts.Membership;
using Diplomacy.TestSupport;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using IntegrationsProgram = integrations::Program;

namespace Diplomacy.Benchmarks;

/// <summary>
/// Webhook delivery: the Integrations service in-process on the real PostgreSQL and RabbitMQ, one subscription to a
/// local receiver, events published on the broker across many initiatives. It prints deliveries per second and the
/// time from each event's commit to the service's log to its delivery (p50, p99), beside the raw HTTP rate of the
/// same requests to the same receiver.
/// Run: <c>dotnet run -c Release --project tests/Benchmarks -- deliveries</c>.
/// </summary>
public static class DeliveryBenchmark
{
    private const int Events = 2_000;
    private const int Initiatives = 100;
    private const int RawConcurrency = 16;

    private sealed class Factory : ServiceFactory<IntegrationsProgram>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Webhooks:AllowedHosts", "http://127.0.0.1");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        }
    }

    public static async Task RunAsync(Summary summary)
    {
        var arrivals = new ConcurrentDictionary<string, long>();
        var port = FreePorts.Take(1)[0];
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.Logging.ClearProviders();
        receiverBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            await reader.ReadToEndAsync();
            arrivals.TryAdd(http.Request.Headers["webhook-id"].ToString(), Stopwatch.GetTimestamp());
            return Results.NoContent();
        });
        await receiver.StartAsync();
        var url = $"http://127.0.0.1:{port}/hook";

        // WebApplicationFactory finds a test project's content root by its build targets, which this harness lacks.
        var repo = new DirectoryInfo(AppContext.BaseDirectory);
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Diplomacy.slnx"))) repo = repo.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INTEGRATIONS",
            Path.Combine(repo?.FullName ?? throw new DirectoryNotFoundException("Diplomacy.slnx"), "services", "Integrations"));
        var service = new Factory();
        await service.InitializeAsync();
        try
        {
            var client = service.CreateClient();
            await service.WaitForBusAsync();
            var registered = await client.PostAsJsonAsync("/api/integrations/webhooks",
                new { url, eventTypes = new[] { Feed().UrnOf(typeof(PartnerTieSigned)) } });
            registered.EnsureSuccessStatusCode();
            var subscription = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            Console.WriteLine($"Delivery benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, .NET {Environment.Version}, "
                + $"{Events:N0} events over {Initiatives} initiatives, one subscription, a local receiver");

            // ---- Raw HTTP: the same receiver, requests of the same size with the same headers, as fast as 16 senders go.
            var sample = JsonSerializer.Serialize(new { specversion = "1.0", id = Guid.NewGuid(), data = new PartnerTieSigned(Guid.NewGuid(), "Hanoi", "VN", "sister", "1996-05", DateTimeOffset.UtcNow) });
            using var raw = new HttpClient();
            var rawTimer = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, RawConcurrency).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) < Events)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(sample, Encoding.UTF8, "application/cloudevents+json") };
                    request.Headers.Add("webhook-id", $"raw-{Guid.NewGuid()}");
                    request.Headers.Add("webhook-timestamp", "0");
                    request.Headers.Add("webhook-signature", "v1,x");
                    (await raw.SendAsync(request)).EnsureSuccessStatusCode();
                }
            }));
            var rawSeconds = rawTimer.Elapsed.TotalSeconds;
            arrivals.Clear();

            // ---- Webhooks: publish every event on the broker, wait for every delivery.
            var bus = await TestBus.StartAsync(service.RabbitMq);
            var ties = Enumerable.Range(0, Initiatives).Select(_ => Guid.NewGuid()).ToArray();
            var started = Stopwatch.GetTimestamp();
            for (var batch = 0; batch < Events; batch += Initiatives)
                await Task.WhenAll(ties.Select((tie, i) => bus.Publish(
                    new PartnerTieSigned(tie, $"City {i}", "VN", "sister", "1996-05", DateTimeOffset.UtcNow), context =>
                    {
                        context.Headers.Set("diplomacy-stream-id", tie.ToString());
                        context.Headers.Set("diplomacy-stream-version", batch / Initiatives + 1);
                    })));
            var published = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await bus.StopAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
            while (arrivals.Count < Events)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{arrivals.Count} of {Events} delivered in 10 minutes.");
                await Task.Delay(50);
            }
            var total = TimeSpan.FromTicks((arrivals.Values.Max() - started) * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalSeconds;
            var firstToLast = (arrivals.Values.Max() - arrivals.Values.Min()) / (double)Stopwatch.Frequency;

            // Commit to delivery, as the delivery log records it (the event's commit in the log to the 2xx).
            var latencies = new List<double>();
            for (var page = 1; latencies.Count < Events; page++)
            {
                var items = (await client.GetFromJsonAsync<JsonElement>($"/api/integrations/webhooks/{subscription}/deliveries?page={page}&pageSize=200"))
                    .GetProperty("items").EnumerateArray().ToList();
                if (items.Count == 0) break;
                latencies.AddRange(items.Select(d => d.GetProperty("commitToDeliveryMs").GetDouble()));
            }
            latencies.Sort();

            Console.WriteLine($"""

                {"  raw HTTP POSTs to the receiver (16 senders)",-62}{rawSeconds,7:F2} s  {Events / rawSeconds,8:N0} requests/s
                {"  publishing on the broker",-62}{published,7:F2} s  {Events / published,8:N0} events/s
                {"  webhook deliveries, first to last",-62}{firstToLast,7:F2} s  {Events / firstToLast,8:N0} deliveries/s
                {"  webhook deliveries, from the first publish to the last delivery",-62}{total,7:F2} s  {Events / total,8:N0} deliveries/s
                {"  commit to delivery",-62}p50 {Percentile(latencies, 0.50),7:F0} ms  p99 {Percentile(latencies, 0.99),7:F0} ms  max {latencies[^1],7:F0} ms
                """);
            summary.Add("webhook deliveries (2,000 over 100 initiatives)", $"{Events / firstToLast:N0}/s", $"raw HTTP {Events / rawSeconds:N0}/s",
                rawSeconds / firstToLast, "", lowerIsBetter: false, null);
            summary.Add("webhook commit to delivery p50 / p99", $"{Percentile(latencies, 0.50):F0} / {Percentile(latencies, 0.99):F0} ms", "", null, "", lowerIsBetter: false, null);
        }
        finally
        {
            await ((Xunit.IAsyncLifetime)service).DisposeAsync();
        }
    }

    private static integrations::Diplomacy.Integrations.Feed.ContractCatalog Feed() => integrations::Diplomacy.Integrations.Feed.ContractCatalog.Default;

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
