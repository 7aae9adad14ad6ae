using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Faults.Tests;

/// <summary>What every fault test asserts once the fault is over.</summary>
public static class Checks
{
    /// <summary>Every answer was a 2xx or (when <paramref name="unavailableAllowed"/>) a 503; nothing went unanswered.</summary>
    public static void OnlyAcceptedOrUnavailable(Workload load, bool unavailableAllowed, string output)
    {
        Assert.True(load.Unexpected.IsEmpty, $"Answers other than 2xx or 503: {load.Summary}{Environment.NewLine}{output}");
        var allowed = unavailableAllowed ? new[] { 200, 201, 503 } : [200, 201];
        Assert.True(load.Statuses.Keys.All(allowed.Contains), $"Only {string.Join(", ", allowed)} were expected: {load.Summary}");
    }

    /// <summary>Each stream answered 2xx is there, at least at the version that answer named.</summary>
    public static async Task NothingAcceptedIsLostAsync(HttpClient gateway, Workload load)
    {
        var lost = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(load.Accepted, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (accepted, ct) =>
        {
            using var response = await gateway.GetAsync(accepted.Key, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                lost.Enqueue($"{accepted.Key}: {(int)response.StatusCode}");
                return;
            }
            var version = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("version").GetInt64();
            if (version < accepted.Value) lost.Enqueue($"{accepted.Key}: version {version}, but {accepted.Value} was answered");
        });
        Assert.True(lost.IsEmpty, $"{lost.Count} of {load.Accepted.Count} accepted streams are lost or behind:{Environment.NewLine}  "
            + string.Join($"{Environment.NewLine}  ", lost.Take(20)));
    }

    /// <summary>Each policy of a keyed run got one exchange: a request sent again after a lost answer started none more.</summary>
    public static async Task EachPolicyHasOneExchangeAsync(HttpClient gateway, Workload load)
    {
        Assert.NotEmpty(load.RequestedPolicies);
        var wrong = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(load.RequestedPolicies, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (policy, ct) =>
        {
            var page = await gateway.GetFromJsonAsync<JsonElement>($"/api/exchanges/exchanges?policy={policy}", ct);
            if (page.GetProperty("totalItems").GetInt64() is var count and not 1) wrong.Enqueue($"{policy}: {count}");
        });
        Assert.True(wrong.IsEmpty, $"{wrong.Count} of {load.RequestedPolicies.Count} policies have other than one exchange: {string.Join(", ", wrong.Take(10))}");
    }

    /// <summary>Each accepted outcome opens exactly one lead in Exports, within <paramref name="timeout"/>.</summary>
    /// <param name="describe">The platform's state when the wait fails: its processes' output then, and how far each relay got.</param>
    public static async Task EachOutcomeOpensOneLeadAsync(HttpClient gateway, Workload load, TimeSpan timeout, Func<Task<string>> describe)
    {
        Assert.NotEmpty(load.Outcomes);
        var leads = new ConcurrentDictionary<Guid, long>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pending = load.Outcomes.Where(id => leads.GetValueOrDefault(id) == 0).ToList();
            if (pending.Count == 0) break;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{pending.Count} of {load.Outcomes.Count} accepted outcomes opened no lead within {timeout.TotalSeconds:0} s, "
                    + $"e.g. exchange {pending[0]} (GET {LeadsPath(pending[0])}: {await StatusOfAsync(gateway, LeadsPath(pending[0]))})."
                    + $"{Environment.NewLine}{await describe()}");
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
                leads[id] = await LeadsOfAsync(gateway, id, ct));
            await Task.Delay(200);
        }
        // Once each has arrived, look again: a duplicate may have come after the first.
        await Parallel.ForEachAsync(load.Outcomes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            leads[id] = await LeadsOfAsync(gateway, id, ct));
        var twice = leads.Where(lead => lead.Value != 1).ToList();
        Assert.True(twice.Count == 0, $"{twice.Count} outcomes opened more than one lead: "
            + string.Join(", ", twice.Take(10).Select(t => $"{t.Key} ({t.Value})")));
    }

    private static string LeadsPath(Guid exchange) => $"/api/exports/projects?exchange={exchange}";

    /// <summary>The status and body of one more read, for a failure message: a lead missing and a read failing look alike otherwise.</summary>
    private static async Task<string> StatusOfAsync(HttpClient gateway, string path)
    {
        using var response = await gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
    }

    private static async Task<long> LeadsOfAsync(HttpClient gateway, Guid exchange, CancellationToken ct)
    {
        using var response = await gateway.GetAsync(LeadsPath(exchange), ct);
        if (!response.IsSuccessStatusCode) return 0;
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("totalItems").GetInt64();
    }

    /// <summary>A 503 in RFC 9457 problem details, with Retry-After.</summary>
    public static async Task UnavailableAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {body}");
        Assert.True(response.Headers.RetryAfter is not null, $"{what}: 503 without Retry-After");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }
}
