// The benchmark harness: every figure beside its raw baseline, measured in the same run, and a summary table.
//   dotnet run -c Release --project tests/Benchmarks -- <gateway|commands|propagation|audit|portfolio|deliveries|soak|all> [--seconds 20] [--samples 100] [--soak-minutes 10]
// Needs the servers (./deploy/servers.sh start) and a Release build of the solution; it starts the platform itself.
using System.Globalization;
using Diplomacy.Benchmarks;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
// The propagation benchmark's read load runs in a child process of this program (ReadLoad.cs).
if (args is [ReadLoad.Mode, ..]) return await ReadLoad.RunAsync(args);
// The gateway benchmark's bare forwarder, likewise (BareForwarder.cs).
if (args is [BareForwarder.Mode, ..]) return await BareForwarder.RunAsync(args);
// The services run in-process find their content roots in MvcTestingAppManifest.json, which WebApplicationFactory looks
// for in the current directory: `dotnet run` leaves that where it was called from.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
string[] names = ["gateway", "commands", "propagation", "audit", "portfolio", "deliveries", "soak"];
var wanted = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !double.TryParse(a, CultureInfo.InvariantCulture, out _)).ToList();
if (wanted.Count == 0 || wanted.Contains("all")) wanted = [.. names.Where(n => n != "soak" || wanted.Contains("all"))];
if (wanted.Except(names).ToList() is { Count: > 0 } unknown)
{
    Console.Error.WriteLine($"Unknown benchmark {string.Join(", ", unknown)}; choose from {string.Join(", ", names)} or all.");
    return 2;
}
var seconds = Option("--seconds", 20);
var samples = (int)Option("--samples", 100);
var soakMinutes = Option("--soak-minutes", 10);

Console.WriteLine($"Benchmarks {string.Join(", ", wanted)}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, .NET {Environment.Version}, "
    + $"load average {Summary.LoadAverage()} (figures on a shared machine are noisy: compare a figure with its baseline of the same run)");
var summary = new Summary();
if (wanted.Contains("audit")) await AuditBench.RunAsync(summary);
// Portfolio's ingest, rebuild and read latencies, with the service in-process (PortfolioBenchmark.cs).
if (wanted.Contains("portfolio")) await PortfolioBenchmark.RunAsync(summary);
// Webhook deliveries to a local receiver beside the raw HTTP rate to it (DeliveryBenchmark.cs).
if (wanted.Contains("deliveries")) await DeliveryBenchmark.RunAsync(summary);
if (wanted.Any(n => n is not ("audit" or "portfolio" or "deliveries")))
{
    await using var platform = await BenchPlatform.StartAsync();
    if (wanted.Contains("gateway")) await PlatformBench.GatewayAsync(platform, summary, TimeSpan.FromSeconds(seconds));
    double? maxCommands = null;
    // Each phase after the first starts once the consumers have caught up with the one before.
    if (wanted.Contains("commands") || wanted.Contains("soak"))
        maxCommands = await AfterQuiet(() => PlatformBench.CommandsAsync(platform, summary, TimeSpan.FromSeconds(seconds)));
    if (wanted.Contains("propagation"))
        await AfterQuiet(async () => { await PlatformBench.PropagationAsync(platform, summary, samples); return 0; });
    if (wanted.Contains("soak"))
        await AfterQuiet(async () => { await SoakBench.RunAsync(platform, summary, TimeSpan.FromMinutes(soakMinutes), maxCommands!.Value); return 0; });

    async Task<T> AfterQuiet<T>(Func<Task<T>> phase)
    {
        await platform.WaitForQuietAsync();
        return await phase();
    }
}
summary.Print();
return 0;

double Option(string name, double fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
