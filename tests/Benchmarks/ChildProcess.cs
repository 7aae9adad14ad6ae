using System.Diagnostics;

namespace Diplomacy.Benchmarks;

/// <summary>
/// This harness run again in one of its modes (Program.cs), as a process of its own beside the one it measures: the
/// read load (<see cref="ReadLoad"/>) and the bare forwarder (<see cref="BareForwarder"/>). The parent talks to it over
/// its standard input and output; closing its input tells it to stop.
/// </summary>
internal static class ChildProcess
{
    public static Process Start(string mode, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Run as `dotnet Benchmarks.dll`, the process path is dotnet's: the assembly comes first then.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add(mode);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start the harness as {mode}.");
    }

    /// <summary>Ends it if it still runs, and releases it.</summary>
    public static async ValueTask EndAsync(Process process)
    {
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>The child's side: completes when the parent closes its input (it stopped the child, or ended).</summary>
    public static async Task InputClosedAsync()
    {
        while (await Console.In.ReadLineAsync() is not null) { }
    }
}
