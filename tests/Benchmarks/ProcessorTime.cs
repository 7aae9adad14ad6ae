using System.Diagnostics;

namespace Diplomacy.Benchmarks;

/// <summary>
/// The CPU time some platform processes spend during load runs, so a run's cost can be read per operation and per process:
/// on a machine whose cores every process shares, a ratio of rates is decided by that cost, not by any one process's speed.
/// </summary>
internal sealed class ProcessorTime(IReadOnlyDictionary<string, int> processes)
{
    private readonly Dictionary<LoadResult, Dictionary<string, (TimeSpan Total, TimeSpan Kernel)>> _used = new(ReferenceEqualityComparer.Instance);

    /// <param name="until">What to wait for after the load before reading the time: the platform's consumers catching up.</param>
    public async Task<LoadResult> RunAsync(Task<LoadResult> run, Func<Task>? until = null)
    {
        var before = Read();
        var result = await run;
        if (until is not null) await until();
        var after = Read();
        _used[result] = after.ToDictionary(p => p.Key, p => (p.Value.Total - before.GetValueOrDefault(p.Key).Total, p.Value.Kernel - before.GetValueOrDefault(p.Key).Kernel));
        return result;
    }

    /// <summary>The microseconds of CPU <paramref name="process"/> used per operation over the given runs, and how many of them in the kernel.</summary>
    public string PerOperation(string process, params LoadResult[] runs)
    {
        var operations = runs.Sum(r => r.Operations);
        var used = runs.Select(r => _used.TryGetValue(r, out var u) ? u.GetValueOrDefault(process) : default).ToList();
        return operations == 0 ? "-"
            : $"{used.Sum(u => u.Total.TotalMicroseconds) / operations:F0} ({used.Sum(u => u.Kernel.TotalMicroseconds) / operations:F0} in the kernel)";
    }

    /// <summary>Each process's microseconds of CPU per operation over the given runs, in one line.</summary>
    public string PerOperationOfEach(params LoadResult[] runs) =>
        string.Join(", ", processes.Keys.Select(name => $"{name} {PerOperation(name, runs)}"));

    private Dictionary<string, (TimeSpan Total, TimeSpan Kernel)> Read()
    {
        var times = new Dictionary<string, (TimeSpan, TimeSpan)>();
        foreach (var (name, id) in processes)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                times[name] = (process.TotalProcessorTime, process.PrivilegedProcessorTime);
            }
            catch (ArgumentException) { } // exited
        }
        return times;
    }
}
