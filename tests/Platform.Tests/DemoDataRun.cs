using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Diplomacy.Platform.Tests;

/// <summary>One run of the demo data loader (deploy/DemoData) as deploy/run.sh runs it: its own process, through the gateway.</summary>
public sealed partial record DemoDataRun(int ExitCode, string Output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);
    private static readonly SemaphoreSlim FirstGate = new(1, 1);
    private static DemoDataRun? _first;

    /// <summary>The first run on this test run's platform, made by whichever test asks first; the platform lives for the whole run.</summary>
    public static async Task<DemoDataRun> FirstAsync(PlatformFixture platform)
    {
        await FirstGate.WaitAsync();
        try
        {
            return _first ??= await RunAsync(platform);
        }
        finally
        {
            FirstGate.Release();
        }
    }

    /// <summary>How many things the run created and found already there, from its summary line.</summary>
    public (int Created, int AlreadyThere) Summary =>
        SummaryLine().Match(Output) is { Success: true } m
            ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"The loader printed no summary:{Environment.NewLine}{Output}");

    /// <summary>
    /// Whether the run found Seoul's membership of <paramref name="acronym"/> already recorded as over (another test's
    /// network of that acronym, on this shared platform) and so left it as recorded, as its note says.
    /// </summary>
    public bool LeftAsRecorded(string acronym) => Output.Contains($"{acronym}: Seoul's membership is recorded as", StringComparison.Ordinal);

    public static string DataFile(PlatformFixture platform) => Path.Combine(platform.RepoRoot, "deploy", "demo", "seoul-reference.json");

    /// <summary>Runs the loader's dll against the platform's gateway with an admin token, as deploy/run.sh does.</summary>
    public static async Task<DemoDataRun> RunAsync(PlatformFixture platform)
    {
        var dll = Path.Combine(platform.RepoRoot, "deploy", "DemoData", "bin", platform.Configuration, "net10.0", "DemoData.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is not built: dotnet build deploy/DemoData -c {platform.Configuration}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { dll, "--gateway", platform.Gateway.BaseAddress!.ToString(), "--data", DataFile(platform), "--token", platform.Tokens.Admin() },
        };
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The demo data loader did not finish within {Deadline.TotalMinutes:0} minutes:{Environment.NewLine}{output}");
        }
        process.WaitForExit(); // drains the redirected output
        lock (output) return new DemoDataRun(process.ExitCode, output.ToString());
    }

    [GeneratedRegex(@"== Summary: (\d+) created, (\d+) already there")]
    private static partial Regex SummaryLine();
}

/// <summary>What deploy/demo/seoul-reference.json says, read here on its own so that the expected figures come from the file.</summary>
public sealed partial class ReferenceFile
{
    public sealed record City(string Name, string Country, string Tie)
    {
        /// <summary>
        /// The portfolio's city key of a name in plain ASCII (every name of the file is): the lower-case country, a hyphen,
        /// and the name's letters and digits, dots and apostrophes dropped, every other run one hyphen.
        /// </summary>
        public string Key => $"{Country.ToLowerInvariant()}-{Slug(Name)}";
    }

    public sealed record Network(string Acronym, int RolesNow, int RolesBefore, int HostingsDelivered);

    public sealed record ExportCase(string Partner, string Country)
    {
        public string Key => $"{Country.ToLowerInvariant()}-{Slug(Partner)}";
    }

    public required IReadOnlyList<City> PartnerCities { get; init; }
    public required IReadOnlyList<Network> Networks { get; init; }
    public required IReadOnlyList<ExportCase> ExportCases { get; init; }

    /// <summary>Reads the file; roles and hostings are counted as over or delivered when every day their date can mean is past.</summary>
    public static ReferenceFile Load(string path, DateOnly today)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;
        bool Past(string partial) => Latest(partial) <= today;
        return new ReferenceFile
        {
            PartnerCities = [.. root.GetProperty("partnerCities").EnumerateArray().Select(c => new City(Text(c, "city"), Text(c, "country"), Text(c, "tie")))],
            Networks = [.. root.GetProperty("networks").EnumerateArray().Select(n =>
            {
                var roles = n.TryGetProperty("roles", out var r) ? r.EnumerateArray().ToList() : [];
                var hostings = n.TryGetProperty("hosting", out var h) ? h.EnumerateArray().ToList() : [];
                var ended = roles.Count(role => role.TryGetProperty("to", out var to) && Past(to.GetString()!));
                return new Network(Text(n, "acronym"), roles.Count - ended, ended, hostings.Count(x => Past(Text(x, "when"))));
            })],
            ExportCases = [.. root.GetProperty("exportCases").EnumerateArray().Select(c => new ExportCase(Text(c, "partner"), Text(c, "country")))],
        };
    }

    /// <summary>The last day a date of the API (YYYY, YYYY-MM or YYYY-MM-DD) can mean.</summary>
    public static DateOnly Latest(string partial) => partial.Length switch
    {
        4 => new DateOnly(int.Parse(partial, CultureInfo.InvariantCulture), 12, 31),
        7 => DateOnly.ParseExact($"{partial}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1),
        _ => DateOnly.ParseExact(partial, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static string Slug(string name)
    {
        if (!name.All(char.IsAscii)) throw new InvalidOperationException($"'{name}' is not plain ASCII; the test's key rule covers only ASCII names.");
        var words = NotLetterOrDigit().Split(name.Replace(".", "").Replace("'", "").ToLowerInvariant()).Where(w => w.Length > 0);
        return string.Join('-', words);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLetterOrDigit();
}
