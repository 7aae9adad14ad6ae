using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using static Diplomacy.Platform.Tests.ServiceRecords;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// After the demo load (deploy/DemoData, as deploy/run.sh runs it), the portfolio's analyses (funnel, SDG coverage,
/// directions) and its open data agree with what the four services hold and show the reference file's cities. Expected
/// figures are computed here from the services' own lists, so they hold whatever else the shared platform holds.
/// </summary>
[Collection("platform")]
public sealed class DemoDataAnalysisPlatformTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<(ReferenceFile File, ServiceRecords Records)> LoadedAsync()
    {
        var run = await DemoDataRun.FirstAsync(platform);
        Assert.True(run.ExitCode == 0, $"The loader exited with {run.ExitCode}:{Environment.NewLine}{run.Output}");
        var (records, _) = await PortfolioCaughtUpAsync(platform);
        return (ReferenceFile.Load(DemoDataRun.DataFile(platform), Today), records);
    }

    [Fact]
    public async Task After_the_demo_load_the_funnel_and_the_sdg_coverage_count_the_services_policies_and_exchanges()
    {
        var (_, records) = await LoadedAsync();
        var policies = records.Policies.ToDictionary(p => Text(p, "id"));
        var pairs = records.Exchanges.SelectMany(x => Items(x, "policyIds").Select(id => id.GetString()!).Where(policies.ContainsKey).Select(id => (x, id))).ToList();

        var funnel = (await Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/funnel")).GetProperty("items").EnumerateArray()
            .ToDictionary(s => Text(s, "stage"), s => s.GetProperty("count").GetInt32());
        Assert.Equal(policies.Count, funnel["catalogued"]);
        Assert.Equal(pairs.Count, funnel["shared"]);
        Assert.Equal(pairs.Count(p => Items(p.x, "activities").Any()), funnel["delivered"]);
        Assert.Equal(pairs.Count(p => Items(p.x, "outcomes").LastOrDefault(o => Text(o, "policyId") == p.id) is { ValueKind: JsonValueKind.Object } o
            && Text(o, "adoptionLevel") is "adopted" or "scaled"), funnel["adopted"]);
        bool Led((JsonElement x, string id) pair) => records.Projects.Any(e => Text(e, "exchangeId") == Text(pair.x, "id")
            && Text(e, "policyId") is var from && (from.Length == 0 || from == pair.id));
        Assert.Equal(pairs.Count(Led), funnel["lead"]);

        var sdgs = (await Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/sdgs")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 17), sdgs.Select(s => s.GetProperty("goal").GetInt32()));
        static bool Serves(JsonElement item, int goal) => Items(item, "sdgGoals").Any(g => g.GetInt32() == goal);
        foreach (var sdg in sdgs)
        {
            var goal = sdg.GetProperty("goal").GetInt32();
            Assert.Equal(Ids(records.Policies.Where(p => Serves(p, goal))), Ids(Items(sdg, "policies")));
            Assert.Equal(Ids(records.Exchanges.Where(x => Items(x, "policyIds").Any(id => policies.TryGetValue(id.GetString()!, out var p) && Serves(p, goal)))),
                Ids(Items(sdg, "exchanges")));
            Assert.Equal(Ids(records.Programs.Where(p => Serves(p, goal))), Ids(Items(sdg, "peacePrograms")));
        }
        Assert.Contains(sdgs, s => Items(s, "policies").Any() && Items(s, "exchanges").Any());
    }

    [Fact]
    public async Task After_the_demo_load_the_directions_are_real_findings_each_with_evidence_that_opens()
    {
        var (file, records) = await LoadedAsync();
        var findings = (await Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/directions")).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.True(Items(f, "evidence").Any() && Text(f, "suggestion").Length > 0 && Text(f, "threshold").Length > 0, $"{f}"));
        List<JsonElement> Of(string rule) => [.. findings.Where(f => Text(f, "rule") == rule)];
        static IEnumerable<string> EvidenceIds(JsonElement f) => Items(f, "evidence").Select(e => Text(e, "id"));

        // Every evidence link opens the initiative in the service that keeps it.
        foreach (var href in findings.SelectMany(f => Items(f, "evidence")).Select(e => Text(e, "href")).Distinct())
        {
            using var response = await Gateway.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href} answered {(int)response.StatusCode}");
        }

        // Ties of the file with nothing done for years: dormant, and each evidence an active tie.
        var activeTies = records.Ties.Where(t => Text(t, "status") == "active").ToDictionary(t => Text(t, "id"));
        Assert.All(Of("dormantTie"), f => Assert.All(EvidenceIds(f), id => Assert.True(activeTies.ContainsKey(id), $"{f}")));
        var fileKeys = file.PartnerCities.Select(c => c.Key).ToHashSet();
        Assert.Contains(Of("dormantTie"), f => fileKeys.Contains(Text(f, "subject")));

        // A city the exports and the exchanges both know, with no tie: a friendship tie to propose, with both as evidence.
        var untied = records.Projects.SelectMany(p => records.Exchanges
            .Where(x => Text(x, "partnerCity") == Text(p, "clientCity") && Text(x, "partnerCountry") == Text(p, "clientCountry"))
            .Where(x => !records.Ties.Any(t => Text(t, "city") == Text(p, "clientCity") && Text(t, "country") == Text(p, "clientCountry")))
            .Select(x => (Project: Text(p, "id"), Exchange: Text(x, "id")))).ToList();
        Assert.NotEmpty(untied);
        foreach (var (project, exchange) in untied)
            Assert.Contains(Of("cityWithoutTie"), f => EvidenceIds(f).Contains(project) && EvidenceIds(f).Contains(exchange));

        // Goals whose catalogued policies were never shared.
        var shared = records.Exchanges.SelectMany(x => Items(x, "policyIds")).Select(id => id.GetString()).ToHashSet();
        var unshared = Enumerable.Range(1, 17)
            .Where(g => records.Policies.Where(p => Items(p, "sdgGoals").Any(x => x.GetInt32() == g)).ToList() is { Count: > 0 } serving
                && serving.All(p => !shared.Contains(Text(p, "id"))))
            .Select(g => $"SDG {g}");
        Assert.Equal(unshared, Of("unsharedSdg").Select(f => Text(f, "subject")));

        // Programs suspended for more than 12 months (a partial date counts from its first day, as the portfolio states).
        var suspended = records.Programs.Where(p => Text(p, "status") == "suspended"
                && Items(p, "suspensions").Last() is var s && Earliest(Text(s, "suspendedOn")).AddMonths(12) < Today)
            .Select(p => Text(p, "id")).Order(StringComparer.Ordinal);
        Assert.NotEmpty(suspended);
        Assert.Equal(suspended, Of("longSuspension").SelectMany(EvidenceIds).Order(StringComparer.Ordinal));

        // Roles whose term certainly ends within 12 months and has not certainly ended: one finding each.
        var ending = records.Memberships.SelectMany(m => Items(m, "roles")
            .Where(r => !r.GetProperty("ended").GetBoolean() && Text(r, "termEnd") is { Length: > 0 } end
                && ReferenceFile.Latest(end) >= Today && ReferenceFile.Latest(end) <= Today.AddMonths(12))
            .Select(r => $"{Text(m, "id")} {Text(m, "networkAcronym")} {Text(r, "role")}")).Order(StringComparer.Ordinal);
        Assert.Equal(ending, Of("roleTermEnding").Select(f => $"{EvidenceIds(f).Single()} {Text(f, "subject")}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task After_the_demo_load_the_open_data_holds_every_initiative_and_the_files_cities()
    {
        var (file, records) = await LoadedAsync();

        // CSV (RFC 4180): a header, then one row an initiative (a program one per currency of its funds).
        var csv = await Gateway.GetStringAsync("/api/portfolio/exports/activities.csv");
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Service,Collection,Id", rows[0], StringComparison.OrdinalIgnoreCase);
        Assert.True(rows.Length - 1 >= records.Ties.Count + records.Memberships.Count + records.Exchanges.Count + records.Programs.Count + records.Projects.Count,
            $"{rows.Length - 1} rows");
        foreach (var id in new[] { records.Ties, records.Memberships, records.Exchanges, records.Programs, records.Projects }.SelectMany(l => l).Select(i => Text(i, "id")))
            Assert.Contains(id, csv, StringComparison.Ordinal);

        // GeoJSON (RFC 7946): a point for each of the file's partner cities, [longitude, latitude].
        var geo = await Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/exports/partner-cities.geojson");
        Assert.Equal("FeatureCollection", Text(geo, "type"));
        var features = Items(geo, "features").ToDictionary(f => Text(f, "id"));
        foreach (var city in file.PartnerCities)
        {
            Assert.True(features.TryGetValue(city.Key, out var feature), $"no feature {city.Key}");
            Assert.Equal("Point", Text(feature.GetProperty("geometry"), "type"));
            Assert.Equal(2, feature.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
        }

        // IATI 2.03: an activity for each funded exchange and each approved program, in their currencies.
        var iati = XDocument.Parse(await Gateway.GetStringAsync("/api/portfolio/exports/iati-activities.xml"));
        Assert.Equal(("iati-activities", "2.03"), (iati.Root!.Name.LocalName, (string?)iati.Root.Attribute("version")));
        var activities = iati.Root.Elements("iati-activity").ToDictionary(a => (string)a.Element("iati-identifier")!);
        Assert.NotEmpty(activities);
        foreach (var x in records.Exchanges.Where(x => x.TryGetProperty("funding", out var f) && f.ValueKind == JsonValueKind.Object))
        {
            Assert.True(activities.TryGetValue($"KR-GOV-SMG-exchanges-{Text(x, "id")}", out var activity), $"no IATI activity for exchange {Text(x, "id")}");
            var funding = x.GetProperty("funding").GetProperty("amount");
            Assert.Contains(activity.Descendants("value"), v => (string?)v.Attribute("currency") == Text(funding, "currency")
                && decimal.Parse(v.Value, CultureInfo.InvariantCulture) == funding.GetProperty("amount").GetDecimal());
        }
        foreach (var p in records.Programs.Where(p => Text(p, "approvedOn").Length > 0))
            Assert.True(activities.ContainsKey($"KR-GOV-SMG-peace-{Text(p, "id")}"), $"no IATI activity for program {Text(p, "id")}");
    }

    private static List<string> Ids(IEnumerable<JsonElement> items) => [.. items.Select(i => Text(i, "id")).Order(StringComparer.Ordinal)];

    private static DateOnly Earliest(string partial) => DateOnly.ParseExact(
        partial.Length switch { 4 => $"{partial}-01-01", 7 => $"{partial}-01", _ => partial }, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
