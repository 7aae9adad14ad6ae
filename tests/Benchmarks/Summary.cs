namespace Diplomacy.Benchmarks;

/// <summary>The table every run ends with: each figure beside its raw baseline measured in the same run, and the goal.</summary>
public sealed class Summary
{
    private sealed record Row(string Name, string Figure, string Baseline, double? Ratio, string Goal, bool? Met);

    private readonly List<Row> _rows = [];

    /// <summary>
    /// A figure, its baseline and their ratio; <paramref name="limit"/> (with <paramref name="lowerIsBetter"/>) is the goal
    /// the ratio must meet, or null when there is none.
    /// </summary>
    public void Add(string name, string figure, string baseline, double? ratio, string goal, bool lowerIsBetter, double? limit) =>
        _rows.Add(new Row(name, figure, baseline, ratio, goal,
            ratio is { } r && limit is { } l ? (lowerIsBetter ? r <= l : r >= l) : null));

    /// <summary>A figure judged on its own against a goal (a latency, a memory growth).</summary>
    public void Add(string name, string figure, string baseline, string goal, bool met) =>
        _rows.Add(new Row(name, figure, baseline, null, goal, met));

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"Summary, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()} on {Environment.ProcessorCount} cores");
        Console.WriteLine($"| {"figure",-44} | {"measured",-30} | {"raw baseline",-32} | {"ratio",6} | {"goal",-18} | met |");
        Console.WriteLine($"|{new string('-', 46)}|{new string('-', 32)}|{new string('-', 34)}|{new string('-', 8)}|{new string('-', 20)}|-----|");
        foreach (var row in _rows)
            Console.WriteLine($"| {row.Name,-44} | {row.Figure,-30} | {row.Baseline,-32} | {(row.Ratio is { } r ? $"{r:F2}" : ""),6} | {row.Goal,-18} | {(row.Met is { } m ? m ? "yes" : "NO" : ""),-3} |");
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
