using System.Reflection;
using System.Text.RegularExpressions;
using Diplomacy.ServiceDefaults.EventStore;
using Xunit;

namespace Diplomacy.TestSupport;

/// <summary>
/// The checks on every aggregate of a service that keep its stored streams readable: every event type (every type
/// implementing the aggregate's event marker) has a stored name, no name is used twice, and no stored name ever changes.
/// The names are compared with the list committed beside the tests (<c>stored-event-names.txt</c>, copied to the output):
/// a renamed or dropped name fails naming it, and a new one must be added to the list.
/// </summary>
public abstract partial class StoredEventNameChecks(Assembly service, string listFile = "stored-event-names.txt")
{
    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();

    private sealed record AggregateNames(Type Aggregate, Type Marker, IReadOnlyDictionary<Type, string> Names);

    private IReadOnlyList<AggregateNames> Aggregates() =>
        service.GetTypes()
            .Select(type => (type, contract: type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAggregate<,>))))
            .Where(found => found.contract is not null && !found.type.IsAbstract)
            .Select(found => new AggregateNames(found.type, found.contract!.GetGenericArguments()[1], NamesOf(found.type)))
            .OrderBy(aggregate => aggregate.Aggregate.Name)
            .ToList();

    private static IReadOnlyDictionary<Type, string> NamesOf(Type aggregate) =>
        (IReadOnlyDictionary<Type, string>)aggregate.GetProperty(nameof(IAggregate<>.StoredEventNames), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    [Fact]
    public void The_service_has_aggregates() => Assert.NotEmpty(Aggregates());

    [Fact]
    public void Every_event_type_of_every_aggregate_has_a_stored_name()
    {
        var problems = new List<string>();
        foreach (var (aggregate, marker, names) in Aggregates())
        {
            var events = service.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false } && marker.IsAssignableFrom(type));
            problems.AddRange(events.Where(type => !names.ContainsKey(type)).Select(type => $"{aggregate.Name}: {type.Name} has no stored name."));
            problems.AddRange(names.Keys.Where(type => !marker.IsAssignableFrom(type))
                .Select(type => $"{aggregate.Name}: {type.Name} has a stored name but is not an {marker.Name}."));
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_stored_name_is_snake_case_and_used_once_in_the_service()
    {
        var names = Aggregates().SelectMany(aggregate => aggregate.Names.Values).ToList();

        Assert.All(names, name => Assert.Matches(SnakeCase(), name));
        var twice = names.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => group.Key);
        Assert.Empty(twice);
    }

    [Fact]
    public void No_stored_name_ever_changes()
    {
        var committed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, listFile))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => (aggregate: parts[0], name: parts[1]))
            .ToHashSet();
        var current = Aggregates().SelectMany(a => a.Names.Values.Select(name => (aggregate: a.Aggregate.Name, name))).ToHashSet();

        var problems = committed.Except(current).Select(n => $"{n.aggregate}: the stored name '{n.name}' is gone; events stored with it exist, so it must stay.")
            .Concat(current.Except(committed).Select(n => $"{n.aggregate}: '{n.name}' is not in {listFile}; add it there to keep it for good."))
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
