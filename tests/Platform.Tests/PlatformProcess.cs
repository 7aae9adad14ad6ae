using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// One service or the gateway as a real <c>dotnet &lt;dll&gt;</c> process, its stdout and stderr kept in a bounded buffer.
/// On Unix it is started through a tiny <c>sh</c> watchdog that kills it should the test host die without cleaning up
/// (a crash, a SIGKILL from a hang timeout): the process never outlives the test run.
/// </summary>
internal sealed class PlatformProcess : IDisposable
{
    public const int KeptLines = 200;

    // $1 is the test host's pid, the rest the command. The subshell polls once a second; its `$$` is the pid of the
    // outer shell, which `exec` turns into the dotnet process. It stops by itself once that process is gone.
    private const string Watchdog = """
        parent=$1; shift
        ( while kill -0 "$$" 2>/dev/null; do
              kill -0 "$parent" 2>/dev/null || { kill -KILL "$$" 2>/dev/null; exit 0; }
              sleep 1
          done ) </dev/null >/dev/null 2>&1 &
        exec "$@"
        """;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    // The first critical log entries, kept apart: a process that stops itself says why there, often long before its end.
    private readonly List<string> _critical = [];
    private int _criticalFollowing;
    private long _dropped;

    public string Name { get; }
    public Uri Url { get; }
    public int Id => _process.Id;

    private PlatformProcess(string name, Uri url, Process process)
    {
        Name = name;
        Url = url;
        _process = process;
    }

    public static PlatformProcess Start(
        string name, string dll, Uri url, IReadOnlyDictionary<string, string> environment, params IReadOnlyList<string> arguments)
    {
        var dotnet = DotnetHost();
        var start = new ProcessStartInfo
        {
            // cwd = the dll's folder: ASP.NET Core takes its content root (appsettings.json) from it.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (OperatingSystem.IsWindows())
        {
            start.FileName = dotnet;
            start.ArgumentList.Add(dll);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
        }
        else
        {
            start.FileName = "/bin/sh";
            foreach (var argument in new[] { "-c", Watchdog, "platform-watchdog", Environment.ProcessId.ToString(), dotnet, dll }.Concat(arguments))
                start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var platformProcess = new PlatformProcess(name, url, process);
        process.OutputDataReceived += (_, e) => platformProcess.Keep(e.Data, "");
        process.ErrorDataReceived += (_, e) => platformProcess.Keep(e.Data, "[stderr] ");
        if (!process.Start())
            throw new InvalidOperationException($"Could not start {name}: {dotnet} {dll}");
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return platformProcess;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last <see cref="KeptLines"/> lines the process wrote (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                var text = new StringBuilder();
                if (_critical.Count > 0) text.AppendLine("critical entries:").AppendJoin(Environment.NewLine, _critical).AppendLine();
                if (_dropped > 0) text.Append("... (").Append(_dropped).AppendLine(" earlier lines dropped)");
                foreach (var line in _lines) text.AppendLine(line);
                return text.ToString();
            }
        }
    }

    /// <summary>A description of the process with its last output, for an exception message.</summary>
    public string Describe() =>
        $"----- {Name} (pid {Id}, {Url}), last {KeptLines} lines of output -----{Environment.NewLine}{Output}----- end of {Name} -----";

    /// <summary>Waits (briefly) until the process has exited and its output has been read to the end.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException) { }
    }

    /// <summary>Kills the process and everything it started; throws if it is still running afterwards.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        Kill();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            if (!_process.HasExited)
                throw new InvalidOperationException($"{Name} (pid {Id}) is still running {timeout.TotalSeconds:0} s after it was killed.");
            // Exited, but something still holds its output pipes open: nothing left to wait for.
        }
    }

    /// <summary>Kills the process tree without waiting: safe to call from a process-exit handler and more than once.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or AggregateException)
        {
            // Already gone, or exiting as we asked: StopAsync checks that it really did exit.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line, string prefix)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(prefix + line);
            if (line.StartsWith("crit:", StringComparison.Ordinal)) _criticalFollowing = 8;
            if (_criticalFollowing > 0 && _critical.Count < 80)
            {
                _critical.Add(prefix + line);
                _criticalFollowing--;
            }
            while (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
                _dropped++;
            }
        }
    }

    /// <summary>The dotnet host running these tests (the SDK's <c>DOTNET_HOST_PATH</c>), else <c>dotnet</c> on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            return host;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
            return self;
        return "dotnet";
    }
}
