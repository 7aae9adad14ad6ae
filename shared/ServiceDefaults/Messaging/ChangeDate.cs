using System.Collections.Concurrent;
using System.Reflection;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.ServiceDefaults.Messaging;

/// <summary>
/// The date a domain event names for what happened, for the "...Changed" integration events that carry a state after
/// each change: its first <see cref="PartialDate"/> property named "...On" (<c>EndedOn</c> rather than <c>TermStart</c>),
/// else its first <see cref="PartialDate"/>, else none. Read by reflection once per event type, so no mapper has to
/// list every event's date field.
/// </summary>
public static class ChangeDate
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> Properties = new();

    public static string? Of(object domainEvent) =>
        Properties.GetOrAdd(domainEvent.GetType(), Find)?.GetValue(domainEvent)?.ToString();

    private static PropertyInfo? Find(Type type)
    {
        var dates = type.GetProperties().Where(p => p.PropertyType == typeof(PartialDate)).ToList();
        return dates.FirstOrDefault(p => p.Name.EndsWith("On", StringComparison.Ordinal)) ?? dates.FirstOrDefault();
    }
}
