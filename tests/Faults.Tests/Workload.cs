using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Diplomacy.Faults.Tests;

/// <summary>
/// Concurrent callers driving every service through the gateway until stopped: each starts a stream and sends it a
/// command at the version it got, and (when Exchanges and Exports run) runs exchanges to an outcome that opens a lead in
/// Exports. Every answer is counted; every 2xx is kept in <see cref="Accepted"/> or <see cref="Outcomes"/> to check later.
/// </summary>
public sealed class Workload
{
    private readonly HttpClient _gateway;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private int _counter;

    // Every POST carries an Idempotency-Key and, answered 503 or not at all, is sent again with it until answered.
    private readonly bool _keyed;

    private Workload(HttpClient gateway, bool keyed) => (_gateway, _keyed) = (gateway, keyed);

    public ConcurrentDictionary<int, int> Statuses { get; } = new();
    /// <summary>Answers that are neither 2xx nor 503, 503s without <c>Retry-After</c>, and requests that got no answer at all.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();
    /// <summary>Each stream path with the version its last 2xx answer named.</summary>
    public ConcurrentDictionary<string, long> Accepted { get; } = new();
    /// <summary>The exchanges whose outcome (adopted, intends to procure) was answered 200: each must open one lead.</summary>
    public ConcurrentBag<Guid> Outcomes { get; } = [];
    /// <summary>The policies an exchange was requested for (one exchange each), in a keyed run.</summary>
    public ConcurrentBag<Guid> RequestedPolicies { get; } = [];
    /// <summary>Answers given again for a key (<c>Idempotent-Replayed</c>): requests whose first answer was lost.</summary>
    public int Replayed => _replayed;
    private int _replayed;

    public int Answered(int status) => Statuses.GetValueOrDefault(status);
    public int Successes => Statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value);

    /// <param name="keyed">Send every POST with an Idempotency-Key and send it again, with the same key, until answered.</param>
    public static Workload Start(HttpClient gateway, int workers, bool outcomes, bool keyed = false)
    {
        var load = new Workload(gateway, keyed);
        for (var i = 0; i < workers; i++)
        {
            var worker = i;
            load._workers.Add(Task.Run(() => load.RunAsync(worker, outcomes)));
        }
        return load;
    }

    public string Summary => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))
        + $"; {Accepted.Count} streams, {Outcomes.Count} outcomes accepted" + (_keyed ? $", {Replayed} answers replayed" : "")
        + (Unexpected.IsEmpty ? "" : $"{Environment.NewLine}unexpected:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", Unexpected.Take(20))}");

    /// <summary>Waits until at least <paramref name="successes"/> more 2xx answers have come since the call.</summary>
    public Task WaitForSuccessesAsync(int successes, TimeSpan timeout)
    {
        var target = Successes + successes;
        return Eventually.True(() => Task.FromResult(Successes >= target), timeout, $"{successes} more 2xx answers ({Summary})");
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task RunAsync(int worker, bool outcomes)
    {
        var flows = new List<Func<int, Task>> { Network, Policy, Program, Project };
        if (outcomes) flows.Add(Outcome);
        for (var i = worker; !_stop.IsCancellationRequested; i++)
        {
            try { await flows[i % flows.Count](Interlocked.Increment(ref _counter)); }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        }
    }

    private async Task Network(int n)
    {
        if (await Create("/api/membership/networks", new
            {
                acronym = $"FN{n}", name = $"Fault network {n}", founded = 2000, headquartersCity = "Seoul", headquartersCountry = "KR",
                themes = new[] { "resilience" },
            }) is { } path)
            await Command(path, "rename", new { name = $"Renamed network {n}", effectiveOn = "2017" });
    }

    private async Task Policy(int n)
    {
        if (await Create("/api/exchanges/policies", PolicyBody(n)) is { } path)
            await Command(path, "summary", new { summary = $"Revised summary {n}" });
    }

    private async Task Program(int n)
    {
        if (await Create("/api/peace/programs", new
            {
                title = $"Relief program {n}", area = "humanitarian", partners = new[] { new { name = "Mexico City", country = "MX", kind = "city" } },
                objectives = new[] { "Relief" }, registeredOn = "2017-09", dacPurposeCode = "72010",
            }) is { } path)
            await Command(path, "risk-assessment", new { level = "low", screening = "cleared", assessedOn = "2017-09" });
    }

    private async Task Project(int n)
    {
        if (await Create("/api/exports/projects", new
            {
                solution = $"Traffic centre {n}", clientCity = "Baku", clientCountry = "AZ", origin = "partnerRequest", identifiedOn = "2008",
            }) is { } path)
            await Command(path, "qualification", new { qualifiedOn = "2008" });
    }

    private async Task Outcome(int n)
    {
        if (await Create("/api/exchanges/policies", PolicyBody(n)) is not { } policy) return;
        if (await Create("/api/exchanges/exchanges", new
            {
                partnerCity = "Ulaanbaatar", partnerCountry = "MN", channel = "bilateral", policyIds = new[] { Guid.Parse(policy[(policy.LastIndexOf('/') + 1)..]) },
                requestedOn = "2013",
            }) is not { } exchange) return;
        RequestedPolicies.Add(Guid.Parse(policy[(policy.LastIndexOf('/') + 1)..]));
        if (!await Command(exchange, "scope", new { modality = "studyVisit", participants = 8, plannedStart = "2013-09" })) return;
        if (!await Command(exchange, "funding-approval",
                new { source = "External Cooperation Fund", funding = new { amount = 40_000_000, currency = "KRW" }, approvedOn = "2013-07" })) return;
        if (!await Command(exchange, "activities", new { kind = "visit", deliveredOn = "2013-09-02", participants = 8 })) return;
        if (await Command(exchange, "outcome", new { adoptionLevel = "adopted", intendsToProcure = true, reportedOn = "2014-03" }))
            Outcomes.Add(Guid.Parse(exchange[(exchange.LastIndexOf('/') + 1)..]));
    }

    private static object PolicyBody(int n) => new
    {
        title = $"Transit card {n}", department = "City Transportation Office", sector = "21020", sdgGoals = new[] { 11 }, summary = "A smart card.",
    };

    /// <summary>POSTs to a collection; on 201 keeps the new stream at version 1 and returns its path.</summary>
    private async Task<string?> Create(string collection, object body)
    {
        var (status, id, version) = await Send(collection, body, null);
        if (status != HttpStatusCode.Created || id is null) return null;
        var path = $"{collection}/{id}";
        Accepted[path] = version;
        return path;
    }

    /// <summary>POSTs a command at the version last accepted; on 200 keeps the new version.</summary>
    private async Task<bool> Command(string path, string command, object body)
    {
        var (status, _, version) = await Send($"{path}/{command}", body, $"\"{Accepted[path]}\"");
        if (status != HttpStatusCode.OK) return false;
        Accepted[path] = version;
        return true;
    }

    private async Task<(HttpStatusCode? Status, string? Id, long Version)> Send(string uri, object body, string? ifMatch)
    {
        var key = _keyed ? Guid.NewGuid().ToString() : null;
        while (true)
        {
            var (status, id, version) = await SendOnce(uri, body, ifMatch, key);
            if (key is null || status is not (null or HttpStatusCode.ServiceUnavailable) || _stop.IsCancellationRequested) return (status, id, version);
            await Task.Delay(100, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<(HttpStatusCode? Status, string? Id, long Version)> SendOnce(string uri, object body, string? ifMatch, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await _gateway.SendAsync(request, _stop.Token);
            var status = (int)response.StatusCode;
            Statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
            if (response.IsSuccessStatusCode)
            {
                if (response.Headers.Contains("Idempotent-Replayed")) Interlocked.Increment(ref _replayed);
                var state = await response.Content.ReadFromJsonAsync<JsonElement>(_stop.Token);
                return (response.StatusCode, state.GetProperty("id").GetString(), state.GetProperty("version").GetInt64());
            }
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                Unexpected.Enqueue($"POST {uri}: {status} {await response.Content.ReadAsStringAsync(_stop.Token)}");
            // Every 503 says when to come back, the gateway's for a service that is gone as the services' own.
            else if (response.Headers.RetryAfter?.Delta is not { TotalSeconds: > 0 })
                Unexpected.Enqueue($"POST {uri}: 503 without Retry-After {await response.Content.ReadAsStringAsync(_stop.Token)}");
            // A caller told to come back later does not hammer the door in the meantime.
            else await Task.Delay(20, _stop.Token);
            return (response.StatusCode, null, 0);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
        {
            // Still unexpected (every answer leaves whole); a keyed caller then sends it again.
            Unexpected.Enqueue($"POST {uri}: no answer ({e.GetType().Name}: {e.Message})");
            return (null, null, 0);
        }
    }
}
