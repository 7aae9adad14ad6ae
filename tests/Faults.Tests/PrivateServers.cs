using System.Diagnostics;

namespace Diplomacy.Faults.Tests;

/// <summary>
/// A PostgreSQL cluster and a RabbitMQ node of this test run only, started by <c>deploy/servers.sh</c> with its port, node
/// name and data-dir overrides (free ports, data under a temp folder), so the fault tests can kill and restart them
/// without touching the servers everyone else uses. Killing goes by the pid each server recorded in that folder.
/// </summary>
public sealed class PrivateServers : IAsyncDisposable
{
    private readonly string _script;
    private readonly Dictionary<string, string> _environment;

    private PrivateServers(string repoRoot, string data, int[] ports)
    {
        _script = Path.Combine(repoRoot, "deploy", "servers.sh");
        Data = data;
        (PostgresPort, RabbitPort) = (ports[0], ports[1]);
        _environment = new()
        {
            ["DIPLOMACY_DATA"] = data,
            ["PGPORT_DIPLOMACY"] = $"{ports[0]}",
            ["RABBIT_PORT"] = $"{ports[1]}",
            ["RABBIT_DIST_PORT"] = $"{ports[2]}",
            ["RABBIT_MGMT_PORT"] = $"{ports[3]}",
            ["RABBIT_EPMD_PORT"] = $"{ports[4]}",
            ["RABBIT_NODENAME"] = $"faults{Path.GetFileName(data)[^8..]}@localhost",
        };
    }

    public string Data { get; }
    public int PostgresPort { get; }
    public int RabbitPort { get; }

    /// <summary>The connection string of one of the databases servers.sh creates (membership, exchanges, ...).</summary>
    public string Postgres(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password=postgres;Database={database}";

    public Uri RabbitMq => new($"amqp://guest:guest@127.0.0.1:{RabbitPort}/");

    public static async Task<PrivateServers> StartAsync(string repoRoot)
    {
        var servers = Prepare(repoRoot);
        await servers.RunScriptAsync("start");
        return servers;
    }

    /// <summary>The ports and the data folder, with no server started yet.</summary>
    public static PrivateServers Prepare(string repoRoot)
    {
        var data = Path.Combine(Path.GetTempPath(), $"diplomacy-faults-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        return new PrivateServers(repoRoot, data, FreePorts.Take(5));
    }

    /// <summary>Runs servers.sh with this run's settings: its exit code and all it printed.</summary>
    public Task<(int ExitCode, string Output)> TryScriptAsync(params string[] arguments) =>
        RunAsync("bash", [_script, .. arguments], check: false, _environment);

    /// <summary>The processes whose command line names this run's data folder: its servers, and what they started.</summary>
    public IReadOnlyList<string> ProcessesUsingData() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Where(folder => int.TryParse(Path.GetFileName(folder), out _))
            .Select(folder =>
            {
                try { return File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' '); }
                catch (IOException) { return ""; }
                catch (UnauthorizedAccessException) { return ""; }
            })
            .Where(commandLine => commandLine.Contains(Data, StringComparison.Ordinal))];

    /// <summary>Starts PostgreSQL again (crash recovery included) through servers.sh.</summary>
    public Task StartPostgresAsync() => RunScriptAsync("start", "postgres");

    /// <summary>Starts the RabbitMQ node again through servers.sh.</summary>
    public Task StartRabbitAsync() => RunScriptAsync("start", "rabbitmq");

    /// <summary>An immediate shutdown of PostgreSQL (SIGQUIT to the postmaster): every backend dies, no checkpoint, like a crash.</summary>
    public Task KillPostgresAsync() => SignalAsync(PostgresPid(), "QUIT");

    /// <summary>SIGKILL to the RabbitMQ node's Erlang VM.</summary>
    public Task KillRabbitAsync() => SignalAsync(RabbitPid(), "KILL");

    public async ValueTask DisposeAsync()
    {
        // Gracefully, by pid, so nothing but this run's own servers can be touched.
        if (TryPid(PostgresPidFile()) is { } postgres) await SignalAsync(postgres, "INT");
        if (TryPid(RabbitPidFile()) is { } rabbit) await SignalAsync(rabbit, "TERM");
        await RunAsync("epmd", ["-port", _environment["RABBIT_EPMD_PORT"], "-kill"], check: false);
        try { Directory.Delete(Data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // servers.sh writes where it put the cluster when it first starts PostgreSQL.
    private string? PostgresPidFile() =>
        File.Exists(Path.Combine(Data, "postgres.location"))
            ? Path.Combine(File.ReadAllText(Path.Combine(Data, "postgres.location")).Trim(), "postmaster.pid")
            : null;

    private string RabbitPidFile() => Path.Combine(Data, "rabbitmq", "rabbitmq.pid");

    private int PostgresPid() => TryPid(PostgresPidFile()) ?? throw new InvalidOperationException("PostgreSQL is not running.");

    private int RabbitPid() => TryPid(RabbitPidFile()) ?? throw new InvalidOperationException("RabbitMQ is not running.");

    private static int? TryPid(string? file)
    {
        try
        {
            return file is not null && File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault()?.Trim(), out var pid) && Alive(pid) ? pid : null;
        }
        catch (IOException) { return null; }
    }

    private static bool Alive(int pid)
    {
        try { using var process = Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        await RunAsync("kill", [$"-{signal}", $"{pid}"], check: false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Alive(pid))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"pid {pid} still runs 30 s after SIG{signal}.");
            await Task.Delay(50);
        }
    }

    private Task RunScriptAsync(params string[] arguments) => RunAsync("bash", [_script, .. arguments], check: true, _environment);

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string file, string[] arguments, bool check, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The shared servers' addresses, which deploy/test.sh exports, must not leak into the private ones.
        foreach (var name in new[] { "DIPLOMACY_POSTGRES", "DIPLOMACY_RABBITMQ", "DIPLOMACY_RABBITMQ_MANAGEMENT" })
            start.Environment.Remove(name);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            // Never leave a half-started server script behind the test.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in 5 minutes:\n{await output}\n{await error}");
        }
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        return (process.ExitCode, $"{await output}{await error}");
    }
}
