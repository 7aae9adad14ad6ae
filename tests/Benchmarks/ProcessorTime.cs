namespace Diplomacy.Benchmarks;

/// <summary>A process whose CPU time is counted; with <c>WithChildren</c>, every child it has had too (PostgreSQL's backends).</summary>
internal sealed record MeasuredProcess(string Name, int Id, bool WithChildren = false);

/// <summary>
/// The CPU time some platform processes spend during load runs, so a run's cost can be read per operation and per process:
/// on a machine whose cores every process shares, a ratio of rates is decided by that cost, not by any one process's speed.
/// </summary>
internal sealed class ProcessorTime(IReadOnlyList<MeasuredProcess> processes)
{
    private readonly Dictionary<LoadResult, Dictionary<string, (TimeSpan Total, TimeSpan Kernel)>> _used = new(ReferenceEqualityComparer.Instance);
    private Dictionary<string, (TimeSpan Total, TimeSpan Kernel)> _idlePerSecond = [];

    /// <summary>
    /// What each process spends in a quiet <paramref name="window"/> (timers, polls, health checks), taken off the runs
    /// measured afterwards in proportion to their length: a run's figure is then the cost of its operations.
    /// </summary>
    public async Task MeasureIdleAsync(TimeSpan window)
    {
        var before = Read();
        await Task.Delay(window);
        _idlePerSecond = Difference(Read(), before).ToDictionary(p => p.Key, p => (p.Value.Total / window.TotalSeconds, p.Value.Kernel / window.TotalSeconds));
    }

    /// <summary>Each process's idle CPU last measured, in milliseconds per second, in one line.</summary>
    public string DescribeIdle() => string.Join(", ", processes.Select(p => $"{p.Name} {_idlePerSecond.GetValueOrDefault(p.Name).Total.TotalMilliseconds:F1}"));

    /// <param name="until">What to wait for after the load before reading the time: the platform's consumers catching up.</param>
    public async Task<LoadResult> RunAsync(Task<LoadResult> run, Func<Task>? until = null)
    {
        var before = Read();
        var started = DateTime.UtcNow;
        var result = await run;
        if (until is not null) await until();
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        _used[result] = Difference(Read(), before).ToDictionary(p => p.Key, p =>
        {
            var idle = _idlePerSecond.GetValueOrDefault(p.Key);
            return (Positive(p.Value.Total - idle.Total * seconds), Positive(p.Value.Kernel - idle.Kernel * seconds));
        });
        return result;
    }

    private static TimeSpan Positive(TimeSpan time) => time < TimeSpan.Zero ? TimeSpan.Zero : time;

    private static Dictionary<string, (TimeSpan Total, TimeSpan Kernel)> Difference(
        Dictionary<string, (TimeSpan Total, TimeSpan Kernel)> after, Dictionary<string, (TimeSpan Total, TimeSpan Kernel)> before) =>
        after.ToDictionary(p => p.Key, p => (p.Value.Total - before.GetValueOrDefault(p.Key).Total, p.Value.Kernel - before.GetValueOrDefault(p.Key).Kernel));

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
        string.Join(", ", processes.Select(p => $"{p.Name} {PerOperation(p.Name, runs)}"));

    private Dictionary<string, (TimeSpan Total, TimeSpan Kernel)> Read()
    {
        var times = new Dictionary<string, (TimeSpan, TimeSpan)>();
        foreach (var process in processes)
            if (ProcStat.Read(process.Id, process.WithChildren) is { } used) times[process.Name] = used;
        return times;
    }
}

/// <summary>CPU time from /proc/&lt;pid&gt;/stat.</summary>
internal static class ProcStat
{
    // USER_HZ, the unit of /proc's times: 100 on Linux whatever the kernel's tick rate.
    private const double TicksPerSecond = 100;

    /// <summary>
    /// A process's user and kernel time; with children, also those of its living children and of the children it has
    /// reaped (a backend that ended during the run counts whole: PostgreSQL's pooled backends outlive a run). Null when
    /// the process is not on this machine or has exited.
    /// </summary>
    public static (TimeSpan Total, TimeSpan Kernel)? Read(int pid, bool withChildren)
    {
        if (Fields(pid) is not { } own) return null;
        long user = own.User, kernel = own.Kernel;
        if (withChildren)
        {
            (user, kernel) = (user + own.ChildrenUser, kernel + own.ChildrenKernel);
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
                if (int.TryParse(Path.GetFileName(directory), out var child) && Fields(child) is { } stat && stat.Parent == pid)
                    (user, kernel) = (user + stat.User, kernel + stat.Kernel);
        }
        return (Time(user + kernel), Time(kernel));
    }

    /// <summary>The parent of a process, or null.</summary>
    public static int? Parent(int pid) => Fields(pid)?.Parent;

    private static TimeSpan Time(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private sealed record Stat(int Parent, long User, long Kernel, long ChildrenUser, long ChildrenKernel);

    private static Stat? Fields(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // The command name may hold spaces and parentheses: the fields that follow start after the last ')'.
        var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
        return new Stat(int.Parse(rest[1]), long.Parse(rest[11]), long.Parse(rest[12]), long.Parse(rest[13]), long.Parse(rest[14]));
    }
}
