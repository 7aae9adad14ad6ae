using System.Diagnostics;
using HdrHistogram;

namespace Diplomacy.Benchmarks;

/// <summary>What a load run measured: operations, failures, rate, and latency percentiles (ms).</summary>
public sealed record LoadResult(long Operations, long Failures, double Seconds, HistogramBase Latency)
{
    public double Rate => Operations / Seconds;
    public double P50 => Latency.GetValueAtPercentile(50) / 1000.0;
    public double P90 => Latency.GetValueAtPercentile(90) / 1000.0;
    public double P99 => Latency.GetValueAtPercentile(99) / 1000.0;
    public double Max => Latency.GetMaxValue() / 1000.0;

    public override string ToString() =>
        $"{Rate,9:N0}/s  p50 {P50,7:F2} ms  p90 {P90,7:F2} ms  p99 {P99,7:F2} ms  max {Max,8:F1} ms  ({Operations:N0} ops, {Failures:N0} failed)";
}

/// <summary>A closed loop: <c>clients</c> callers each run the operation again as soon as it returns, for a duration.</summary>
public static class Load
{
    /// <summary>A histogram of microseconds up to a minute, 3 significant digits.</summary>
    public static LongHistogram NewHistogram() => new(60_000_000, 3);

    /// <summary>
    /// Runs <paramref name="operation"/> (true when it succeeded) from <paramref name="clients"/> callers for
    /// <paramref name="duration"/> after <paramref name="warmup"/>; an operation may throw, which counts as a failure.
    /// With <paramref name="perSecond"/> each caller paces itself so that all together stay near that rate.
    /// </summary>
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan duration, Func<int, Task<bool>> operation,
        TimeSpan? warmup = null, double? perSecond = null)
    {
        var warm = warmup ?? TimeSpan.FromSeconds(2);
        var histograms = Enumerable.Range(0, clients).Select(_ => NewHistogram()).ToArray();
        long operations = 0, failures = 0;
        var clock = Stopwatch.StartNew();
        var measureFrom = warm;
        var end = warm + duration;
        var interval = perSecond is { } rate ? TimeSpan.FromSeconds(clients / rate) : TimeSpan.Zero;

        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var next = clock.Elapsed;
            while (clock.Elapsed < end)
            {
                if (interval > TimeSpan.Zero)
                {
                    next += interval;
                    var wait = next - clock.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                }
                var started = clock.Elapsed;
                bool ok;
                try { ok = await operation(client); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException) { ok = false; }
                if (started < measureFrom) continue;
                histograms[client].RecordValue(Math.Max(1, (long)(clock.Elapsed - started).TotalMicroseconds));
                Interlocked.Increment(ref operations);
                if (!ok) Interlocked.Increment(ref failures);
            }
        })));

        var all = NewHistogram();
        foreach (var histogram in histograms) all.Add(histogram);
        return new LoadResult(operations, failures, (clock.Elapsed - measureFrom).TotalSeconds, all);
    }
}
