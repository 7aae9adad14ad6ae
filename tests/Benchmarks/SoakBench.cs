using System.Diagnostics;

namespace Diplomacy.Benchmarks;

/// <summary>
/// Commands at half the measured maximum rate, mixed with as many reads, through the gateway for a set time: no error
/// answers, each process's memory flat within 10 %, and the relay lag of every service back to zero within 5 s after.
/// </summary>
internal static class SoakBench
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchPlatform platform, Summary summary, TimeSpan duration, double maxCommandRate)
    {
        var rate = maxCommandRate / 2;
        using var gateway = platform.Client(platform.Gateway);
        var path = await PlatformBench.CreateNetworkAsync(gateway, -1) ?? throw new InvalidOperationException("Could not create a network.");
        Console.WriteLine($"{Environment.NewLine}Soak: {duration.TotalMinutes:0.#} min, commands at {rate:N0}/s (half of {maxCommandRate:N0}/s) and reads at {rate:N0}/s, through the gateway");

        var samples = platform.Processes.ToDictionary(p => p.Name, _ => new List<(TimeSpan At, long Rss)>());
        using var stopSampling = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampling = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                foreach (var process in platform.Processes)
                    if (Rss(process.Id) is { } rss) samples[process.Name].Add((clock.Elapsed, rss));
                try { await Task.Delay(SampleEvery, stopSampling.Token); } catch (OperationCanceledException) { }
            }
        });

        var counter = 0;
        var commands = Load.RunAsync(8, duration, async _ => await PlatformBench.CreateNetworkAsync(gateway, Interlocked.Increment(ref counter)) is not null,
            TimeSpan.Zero, rate);
        var reads = Load.RunAsync(8, duration, async _ =>
        {
            using var response = await gateway.GetAsync(path);
            await response.Content.CopyToAsync(Stream.Null);
            return response.IsSuccessStatusCode;
        }, TimeSpan.Zero, rate);
        var (commandResult, readResult) = (await commands, await reads);
        await stopSampling.CancelAsync();
        await sampling;

        var lagGone = await TimeUntilAsync(async () => await platform.RelayLagAsync() == 0, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));
        var queuesEmpty = await TimeUntilAsync(async () => await platform.QueuedMessagesAsync() == 0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Console.WriteLine($"""
              commands  {commandResult}
              reads     {readResult}
              relay lag back to 0 in {(lagGone is { } l ? $"{l.TotalSeconds:F1} s" : "more than 30 s")}
              every queue empty (every consumer caught up) {(queuesEmpty is { } q ? $"{q.TotalSeconds:F0} s" : "more than 10 minutes")} after that (the broker counts every 5 s)
              memory (RSS, MB): process, mean of the first third after a 10 % warm-up, mean of the last third, growth
            """);
        var worst = 0.0;
        foreach (var (name, list) in samples)
        {
            var kept = list.Where(s => s.At > duration * 0.1).Select(s => s.Rss).ToList();
            if (kept.Count < 3) continue;
            var third = Math.Max(1, kept.Count / 3);
            var (first, last) = (kept.Take(third).Average(), kept.TakeLast(third).Average());
            var growth = (last - first) / first;
            worst = Math.Max(worst, Math.Abs(growth));
            Console.WriteLine($"    {name,-14} {first / 1048576,8:F1} {last / 1048576,8:F1} {growth,8:P1}");
        }
        var errors = commandResult.Failures + readResult.Failures;
        summary.Add("soak errors", $"{errors} of {commandResult.Operations + readResult.Operations:N0}", "", "0", errors == 0);
        summary.Add("soak memory, worst growth", $"{worst:P1}", "", "within 10 %", worst <= 0.10);
        summary.Add("soak relay lag back to 0", lagGone is { } gone ? $"{gone.TotalSeconds:F1} s" : "> 30 s", "", "<= 5 s", lagGone is { } g && g <= TimeSpan.FromSeconds(5));
    }

    /// <summary>How long until <paramref name="done"/>, asked every <paramref name="interval"/>, or null after the timeout.</summary>
    private static async Task<TimeSpan?> TimeUntilAsync(Func<Task<bool>> done, TimeSpan interval, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await done()) return clock.Elapsed;
            await Task.Delay(interval);
        }
        return null;
    }

    private static long? Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { return null; }
    }
}
