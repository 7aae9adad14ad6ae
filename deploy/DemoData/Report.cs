namespace Diplomacy.DemoData;

/// <summary>
/// One line per thing created or skipped, and a summary by kind at the end. An item is skipped when the API
/// already has it; a step of an existing item (a role, a hosting, an agreement, ...) that is missing is created
/// and printed, one already recorded is only counted, so a second run prints one line per item.
/// </summary>
public sealed class Report
{
    private readonly Dictionary<string, (int Created, int Skipped)> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _kinds = [];

    public int TotalCreated => _counts.Values.Sum(count => count.Created);
    public int TotalSkipped => _counts.Values.Sum(count => count.Skipped);

    public void Section(string name) => Console.WriteLine($"== {name}");

    /// <summary>A top-level item (network, membership, partner city) was created.</summary>
    public void Created(string kind, string what) => Write(kind, created: true, $"created  {kind,-16} {what}");

    /// <summary>A top-level item already existed.</summary>
    public void Skipped(string kind, string what) => Write(kind, created: false, $"skipped  {kind,-16} {what}");

    /// <summary>A step of an item (role, hosting, approval, ...) was recorded now.</summary>
    public void StepCreated(string kind, string what) => Write(kind, created: true, $"  + {kind,-16} {what}");

    /// <summary>A step of an item was already recorded: counted, not printed.</summary>
    public void StepSkipped(string kind) => Count(kind, created: false);

    /// <summary>A fact of the reference data the API has no place for, or a choice the loader made.</summary>
    public static void Note(string what) => Console.WriteLine($"    note: {what}");

    public void PrintSummary()
    {
        Console.WriteLine($"== Summary: {TotalCreated} created, {TotalSkipped} already there");
        foreach (var kind in _kinds)
            Console.WriteLine($"   {kind,-16} {_counts[kind].Created,4} created {_counts[kind].Skipped,4} already there");
    }

    private void Write(string kind, bool created, string line)
    {
        Count(kind, created);
        Console.WriteLine(line);
    }

    private void Count(string kind, bool created)
    {
        if (!_counts.TryGetValue(kind, out var count)) _kinds.Add(kind);
        _counts[kind] = created ? (count.Created + 1, count.Skipped) : (count.Created, count.Skipped + 1);
    }
}
