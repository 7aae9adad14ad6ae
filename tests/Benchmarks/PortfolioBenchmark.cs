extern alias portfolio;
using System.Diagnostics;
using System.Net.Http.Json;
using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Membership;
using Diplomacy.TestSupport;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PortfolioProgram = portfolio::Program;
using Received = portfolio::Diplomacy.Portfolio.Learning.Received;
using ViewRebuilder = portfolio::Diplomacy.Portfolio.Views.ViewRebuilder;

namespace Diplomacy.Benchmarks;

/// <summary>
/// The portfolio's figures, each beside a raw baseline measured in the same run on the same servers:
/// the ingest rate of its consumers against raw single-row inserts, the rebuild of a view over 100,000 received events
/// against a raw scan of those rows, and p50/p99 of the assets and of a city with 200 initiatives against raw reads of
/// the view documents they are computed from. <c>dotnet run -c Release --project tests/Benchmarks -- portfolio</c>
/// </summary>
public static class PortfolioBenchmark
{
    private const int Ingested = 3_000, RebuildEvents = 100_000, VersionsPerStream = 10, CityInitiatives = 200, Requests = 200;

    public static async Task RunAsync(Summary summary)
    {
        await using var service = new ServiceFactory<PortfolioProgram>();
        await service.InitializeAsync();
        var client = service.CreateClient();
        await service.WaitForBusAsync();
        var store = service.Services.GetRequiredService<IDocumentStore>();
        await using var raw = NpgsqlDataSource.Create(service.PostgresConnection);
        Console.WriteLine($"Portfolio benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");

        // ---- 1. Ingest: changes published on the broker until the consumers have handled them all, against raw inserts
        // of one row per transaction (each consumer commits once per message).
        var bus = await TestBus.StartAsync(service.RabbitMq);
        var ingest = Stopwatch.StartNew();
        for (var i = 0; i < Ingested; i++) await bus.Publish(Change(Guid.NewGuid(), 1, $"Ingest {i}"), c => c.MessageId = NewId.NextGuid());
        await Eventually.True(async () => await CountAsync(raw, "select count(*) from mt_doc_handledmessage") >= Ingested, TimeSpan.FromMinutes(10), "every change");
        var ingestSeconds = ingest.Elapsed.TotalSeconds;
        await bus.StopAsync();
        await Exec(raw, "create table bench_raw (id uuid primary key, data jsonb not null)");
        var inserting = Stopwatch.StartNew();
        for (var i = 0; i < Ingested; i++)
        {
            await using var command = raw.CreateCommand("insert into bench_raw values ($1, $2::jsonb)");
            command.Parameters.Add(new() { Value = Guid.NewGuid() });
            command.Parameters.Add(new() { Value = System.Text.Json.JsonSerializer.Serialize(Change(Guid.NewGuid(), 1, "raw")) });
            await command.ExecuteNonQueryAsync();
        }
        var insertSeconds = inserting.Elapsed.TotalSeconds;
        Console.WriteLine($"  ingest: {Ingested / ingestSeconds,8:N0} changes/s through RabbitMQ and the consumers   raw insert: {Ingested / insertSeconds,8:N0} rows/s");
        summary.Add("portfolio ingest", $"{Ingested / ingestSeconds:N0} changes/s", $"raw inserts {Ingested / insertSeconds:N0} rows/s",
            insertSeconds / ingestSeconds, "", lowerIsBetter: false, null);

        // ---- 2. Rebuild of the views over 100,000 more received exchange changes, against a raw scan of those rows.
        for (var seeded = 0; seeded < RebuildEvents; seeded += 5_000)
        {
            await using var session = store.LightweightSession();
            for (var s = 0; s < 5_000 / VersionsPerStream; s++)
            {
                var id = Guid.NewGuid();
                session.Events.Append(Received.StreamOf("exchanges", id), [.. Enumerable.Range(1, VersionsPerStream).Select(v => (object)Change(id, v, "Rebuild"))]);
            }
            await session.SaveChangesAsync();
        }
        var rebuilder = service.Services.GetRequiredService<ViewRebuilder>();
        var rebuild = Stopwatch.StartNew();
        await rebuilder.RebuildAsync(CancellationToken.None);
        var rebuildSeconds = rebuild.Elapsed.TotalSeconds;
        var scan = Stopwatch.StartNew();
        var scanned = await CountAsync(raw, "select count(*) from (select data::text from mt_events where type = 'exchange_changed') e");
        var scanSeconds = scan.Elapsed.TotalSeconds;
        Console.WriteLine($"  rebuild: {(RebuildEvents + Ingested) / rebuildSeconds,8:N0} events/s ({rebuildSeconds:F1} s)   raw scan of {scanned:N0} rows: {scanned / scanSeconds,8:N0} rows/s");
        summary.Add("portfolio rebuild (103,000 events)", $"{(RebuildEvents + Ingested) / rebuildSeconds:N0} events/s", $"raw scan {scanned / scanSeconds:N0} rows/s",
            rebuildSeconds / scanSeconds, "time ratio", lowerIsBetter: true, null);

        // ---- 3. Latency, on a platform-sized portfolio: the views above cleared, 33 ties, one city with 200 initiatives.
        await Exec(raw, "delete from mt_doc_exchangeview");
        await using (var session = store.LightweightSession())
        {
            for (var t = 0; t < 33; t++) session.Events.Append(Received.StreamOf("partner-cities", Guid.NewGuid()), Tie($"City {t}"));
            var bogota = Tie("Bogotá");
            session.Events.Append(Received.StreamOf("partner-cities", bogota.PartnerCityId), bogota);
            for (var i = 0; i < CityInitiatives - 1; i++)
            {
                var id = Guid.NewGuid();
                session.Events.Append(Received.StreamOf("exchanges", id), Change(id, 1, "City", "Bogota", "CO"), Change(id, 2, "City", "Bogota", "CO"));
            }
            await session.SaveChangesAsync();
        }
        await Eventually.True(async () => (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/portfolio/cities/co-bogota"))
            .GetProperty("city").GetProperty("exchanges").GetInt32() == CityInitiatives - 1, TimeSpan.FromMinutes(5), "the city's views");
        await Latency(summary, client, "/api/portfolio/assets", raw, "select data::text from mt_doc_exchangeview union all select data::text from mt_doc_tieview");
        await Latency(summary, client, "/api/portfolio/cities/co-bogota", raw, "select data::text from mt_doc_exchangeview union all select data::text from mt_doc_tieview");
        await ((Xunit.IAsyncLifetime)service).DisposeAsync();
    }

    private static async Task Latency(Summary summary, HttpClient client, string path, NpgsqlDataSource raw, string baseline)
    {
        var api = new List<double>();
        var sql = new List<double>();
        for (var i = 0; i < Requests + 10; i++)
        {
            var watch = Stopwatch.StartNew();
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
            if (i >= 10) api.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await using (var command = raw.CreateCommand(baseline))
            await using (var reader = await command.ExecuteReaderAsync()) while (await reader.ReadAsync()) _ = reader.GetString(0);
            if (i >= 10) sql.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"  GET {path,-34} p50 {P(api, 0.5),7:F1} ms  p99 {P(api, 0.99),7:F1} ms   raw read of its views: p50 {P(sql, 0.5),6:F1} ms  p99 {P(sql, 0.99),6:F1} ms");
        summary.Add($"GET {path} p50 / p99", $"{P(api, 0.5):F1} / {P(api, 0.99):F1} ms", $"raw read of its views {P(sql, 0.5):F1} / {P(sql, 0.99):F1} ms",
            P(api, 0.5) / P(sql, 0.5), "", lowerIsBetter: true, null);
    }

    private static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static ExchangeChanged Change(Guid id, long version, string title, string city = "Ulaanbaatar", string country = "MN") =>
        new(id, version, "activity_delivered", "2014-05", city, country, "bilateral", null, null, [], "2014-03", "delivering", "studyVisit", 12,
            new ExchangeFunding("External Cooperation Fund", 30_000_000, "KRW", "2014-04"), [new ExchangeActivity("visit", "2014-05-12", 12)], [],
            null, null, null, DateTimeOffset.UtcNow);

    private static PartnerTieChanged Tie(string city) =>
        new(Guid.NewGuid(), 3, "agreement_signed", "1982", city, "CO", "city", "sister", "active", "1980", "1982", null, null, DateTimeOffset.UtcNow);

    private static async Task<long> CountAsync(NpgsqlDataSource raw, string sql)
    {
        await using var command = raw.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task Exec(NpgsqlDataSource raw, string sql)
    {
        await using var command = raw.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
