using Diplomacy.DemoData;

// Loads the demo data (deploy/demo/seoul-reference.json) through the platform's HTTP API, so every fact
// becomes a real event stream. Idempotent: a second run creates nothing.
//
//   dotnet DemoData.dll [--gateway http://127.0.0.1:8080] [--data deploy/demo/seoul-reference.json] [--token <bearer>]
//
// Exit codes: 0 loaded, 1 the API refused a call (its problem details are printed), 2 bad arguments or data
// file, 3 the gateway is unreachable.

const string Usage = """
    Usage: dotnet DemoData.dll [--gateway <url>] [--data <file>] [--token <bearer>]
      --gateway  the API gateway (or one service), default http://127.0.0.1:8080
      --data     the reference data, default deploy/demo/seoul-reference.json
      --token    sent as Authorization: Bearer <token>
    """;

string gateway = "http://127.0.0.1:8080", dataPath = "deploy/demo/seoul-reference.json";
string? token = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--gateway" when value is not null: gateway = value; i++; break;
        case "--data" when value is not null: dataPath = value; i++; break;
        case "--token" when value is not null: token = value; i++; break;
        case "-h" or "--help": Console.WriteLine(Usage); return 0;
        default: return Fail(2, $"Unknown or incomplete argument '{args[i]}'.{Environment.NewLine}{Usage}");
    }
}
if (!Uri.TryCreate(gateway, UriKind.Absolute, out var gatewayUri) || gatewayUri.Scheme is not ("http" or "https"))
    return Fail(2, $"--gateway '{gateway}' is not an http(s) URL.");

ReferenceData data;
try { data = ReferenceData.Load(dataPath); }
catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
{
    return Fail(2, $"Cannot read the reference data {dataPath}: {e.Message}");
}

// Each service's loader, in dependency order; later services add theirs here.
var today = DateOnly.FromDateTime(DateTime.Now);
IDemoLoader[] loaders = [new MembershipLoader(today), new ExchangesLoader(), new PeaceBuildingLoader(dataPath), new ExportsLoader(ExportsLoader.ReadCases(dataPath))];

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

using var api = new ApiClient(gatewayUri, token);
var report = new Report();
Console.WriteLine($"Loading {Path.GetFullPath(dataPath)} through {gatewayUri} (today is {today:yyyy-MM-dd})");
try
{
    foreach (var loader in loaders) await loader.LoadAsync(data, api, report, cancel.Token);
}
catch (GatewayUnreachableException e)
{
    return Fail(3, $"{e.Message}{Environment.NewLine}Is the platform running (deploy/run.sh) and is --gateway right?");
}
catch (ApiException e)
{
    report.PrintSummary();
    return Fail(1, $"The API refused a call, so the load stopped; what was loaded before it stays (a rerun continues):{Environment.NewLine}{e.Message}");
}
catch (InvalidDataException e)
{
    report.PrintSummary();
    return Fail(2, $"The reference data cannot be mapped: {e.Message}");
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    report.PrintSummary();
    return Fail(1, "Cancelled.");
}

report.PrintSummary();
return 0;

static int Fail(int code, string message)
{
    Console.Error.WriteLine($"DemoData: {message}");
    return code;
}
