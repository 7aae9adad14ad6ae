using System.Diagnostics;

namespace Diplomacy.Benchmarks;

/// <summary>Wall-clock times of repeated runs of one operation, and how many items the last run handled.</summary>
public sealed record Timing(IReadOnlyList<double> Milliseconds, long Items)
{
    public double Median
    {
        get
        {
            var sorted = Milliseconds.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double Min => Milliseconds.Min();
    public double Max => Milliseconds.Max();
    public double PerSecond => Items / (Median / 1000);

    /// <summary>
    /// Runs each body <paramref name="warmups"/> times unmeasured, then <paramref name="runs"/> rounds under a stopwatch,
    /// the bodies taking turns within a round so that a noisy neighbour slows them alike.
    /// </summary>
    public static async Task<Timing[]> CompareAsync(int warmups, int runs, params Func<Task<long>>[] bodies)
    {
        for (var i = 0; i < warmups; i++)
            foreach (var body in bodies) await body();
        var times = bodies.Select(_ => new List<double>(runs)).ToArray();
        var items = new long[bodies.Length];
        for (var i = 0; i < runs; i++)
            for (var b = 0; b < bodies.Length; b++)
            {
                // Collect first, so that no body pays for the garbage the one before it left.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var stopwatch = Stopwatch.StartNew();
                items[b] = await bodies[b]();
                times[b].Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        return [.. times.Select((t, b) => new Timing(t, items[b]))];
    }
}

/// <summary>Samples the process's working set and managed heap on a background task until disposed.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public long PeakWorkingSet { get; private set; }
    public long PeakManagedHeap { get; private set; }
    public int Samples { get; private set; }

    public MemorySampler(TimeSpan interval) => _loop = Task.Run(() => LoopAsync(interval));

    private async Task LoopAsync(TimeSpan interval)
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            Sample(process);
            try { await Task.Delay(interval, _stop.Token); }
            catch (OperationCanceledException) { }
        }
        Sample(process);
    }

    private void Sample(Process process)
    {
        process.Refresh();
        PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
        PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
        Samples++;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
