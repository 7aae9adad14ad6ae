using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// Everything the four recording services hold, read through the gateway from their own list endpoints: what the portfolio's
/// figures are checked against, whatever else the shared platform holds besides the demo data.
/// </summary>
public sealed record ServiceRecords(
    IReadOnlyList<JsonElement> Networks,
    IReadOnlyList<JsonElement> Memberships,
    IReadOnlyList<JsonElement> Ties,
    IReadOnlyList<JsonElement> Policies,
    IReadOnlyList<JsonElement> Exchanges,
    IReadOnlyList<JsonElement> Programs,
    IReadOnlyList<JsonElement> Projects)
{
    public static async Task<ServiceRecords> ReadAsync(HttpClient gateway) => new(
        await ListAsync(gateway, "/api/membership/networks"),
        await ListAsync(gateway, "/api/membership/memberships"),
        await ListAsync(gateway, "/api/membership/partner-cities"),
        await ListAsync(gateway, "/api/exchanges/policies"),
        await ListAsync(gateway, "/api/exchanges/exchanges"),
        await ListAsync(gateway, "/api/peace/programs"),
        await ListAsync(gateway, "/api/exports/projects"));

    /// <summary>
    /// Waits until the portfolio's inventory agrees with every service's records (totals, statuses, and each membership's
    /// roles and hostings), so that it has learnt the last change of each; returns both as they then were.
    /// </summary>
    public static async Task<(ServiceRecords Records, JsonElement Assets)> PortfolioCaughtUpAsync(PlatformFixture platform)
    {
        ServiceRecords? records = null;
        JsonElement assets = default;
        string? gap = "nothing read yet";
        try
        {
            await Eventually.True(async () =>
            {
                records = await ReadAsync(platform.Gateway);
                assets = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/portfolio/assets");
                gap = records.GapTo(assets);
                if (gap is null) return true;
                await Task.Delay(500); // each probe reads every list: poll gently
                return false;
            }, TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} The portfolio still differs from the services: {gap}{Environment.NewLine}{platform.Output}", e);
        }
        return (records!, assets);
    }

    /// <summary>Where the portfolio's inventory differs from these records, or null when it agrees.</summary>
    public string? GapTo(JsonElement assets)
    {
        var gaps = new List<string>();
        void Same(string what, object expected, object actual)
        {
            if (!Equals(expected, actual)) gaps.Add($"{what}: services {expected}, portfolio {actual}");
        }
        void SameTally(string section, string tally, IEnumerable<JsonElement> items, string property)
        {
            var part = assets.GetProperty(section);
            Same($"{section}.total", items.Count(), part.GetProperty("total").GetInt32());
            Same($"{section}.{tally}", Render(CountBy(items, property)), Render(Tally(part.GetProperty(tally))));
        }
        SameTally("partnerCities", "byStatus", Ties, "status");
        SameTally("policies", "bySector", Policies, "sector");
        SameTally("exchanges", "byStatus", Exchanges, "status");
        SameTally("peacePrograms", "byStatus", Programs, "status");
        SameTally("exportProjects", "byStage", Projects, "status");

        var networks = assets.GetProperty("networks").EnumerateArray().ToList();
        Same("networks", Networks.Select(n => Text(n, "id")).Union(Memberships.Select(m => Text(m, "networkId"))).Count(), networks.Count);
        foreach (var m in Memberships)
        {
            var n = networks.FirstOrDefault(x => Text(x, "networkId") == Text(m, "networkId"));
            if (n.ValueKind != JsonValueKind.Object)
            {
                gaps.Add($"network {Text(m, "networkId")} ({Text(m, "networkAcronym")}) missing");
                continue;
            }
            var roles = Items(m, "roles").ToList();
            Same($"{Text(m, "networkAcronym")} status", Text(m, "status"), Text(n, "membershipStatus"));
            Same($"{Text(m, "networkAcronym")} roles now", roles.Count(r => !r.GetProperty("ended").GetBoolean()), n.GetProperty("rolesNow").GetArrayLength());
            Same($"{Text(m, "networkAcronym")} roles before", roles.Count(r => r.GetProperty("ended").GetBoolean()), n.GetProperty("rolesBefore").GetArrayLength());
            Same($"{Text(m, "networkAcronym")} hostings delivered", Items(m, "hostings").Count(h => Text(h, "deliveredOn").Length > 0),
                n.GetProperty("hostingsDelivered").GetArrayLength());
        }
        return gaps.Count == 0 ? null : string.Join("; ", gaps);
    }

    public static string Render(IDictionary<string, int> tally) => string.Join(", ", tally.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Every item of a paged list, at the API's largest page size.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ListAsync(HttpClient gateway, string path)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var json = await gateway.GetFromJsonAsync<JsonElement>($"{path}{separator}page={page}&pageSize=200");
            var pageItems = json.GetProperty("items");
            items.AddRange(pageItems.EnumerateArray());
            if (pageItems.GetArrayLength() == 0 || items.Count >= json.GetProperty("totalItems").GetInt64()) return items;
        }
    }

    /// <summary>Each item's id and version: equal for two reads when nothing was written in between.</summary>
    public IReadOnlyList<string> Versions =>
        [.. new[] { Networks, Memberships, Ties, Policies, Exchanges, Programs, Projects }.SelectMany(list => list)
            .Select(item => $"{Text(item, "id")}@{item.GetProperty("version").GetInt64()}").Order(StringComparer.Ordinal)];

    public static string Text(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    /// <summary>How many items have each value of <paramref name="property"/>, as the portfolio's "by..." tallies count them.</summary>
    public static SortedDictionary<string, int> CountBy(IEnumerable<JsonElement> items, Func<JsonElement, IEnumerable<string>> values)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in items.SelectMany(values)) counts[value] = counts.GetValueOrDefault(value) + 1;
        return counts;
    }

    public static SortedDictionary<string, int> CountBy(IEnumerable<JsonElement> items, string property) => CountBy(items, i => [Text(i, property)]);

    /// <summary>A tally the portfolio answered (<c>{"active": 3, ...}</c>) as a dictionary.</summary>
    public static SortedDictionary<string, int> Tally(JsonElement tally) =>
        new(tally.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()), StringComparer.Ordinal);

    public static IEnumerable<JsonElement> Items(JsonElement item, string property) =>
        item.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];

    /// <summary>Amounts summed per currency, never across currencies, ordered by currency.</summary>
    public static IReadOnlyList<(string Currency, decimal Amount)> PerCurrency(IEnumerable<(string Currency, decimal Amount)> amounts) =>
        [.. amounts.GroupBy(a => a.Currency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(a => a.Amount)))];

    public static IReadOnlyList<(string Currency, decimal Amount)> Money(JsonElement perCurrency) =>
        [.. perCurrency.EnumerateArray().Select(m => (Text(m, "currency"), m.GetProperty("amount").GetDecimal()))];
}
