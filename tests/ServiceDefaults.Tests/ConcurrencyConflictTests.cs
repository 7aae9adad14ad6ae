using Diplomacy.ServiceDefaults.Http;
using JasperFx;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>Which failures are optimistic-concurrency conflicts (412), one or several of a batch, and which are not.</summary>
public sealed class ConcurrencyConflictTests
{
    private static ConcurrencyException Conflict() => new(typeof(string), Guid.NewGuid());

    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "one conflict", Conflict(), true },
        { "several of one batch", new AggregateException(Conflict(), Conflict()), true },
        { "a conflict beside another failure", new AggregateException(Conflict(), new InvalidOperationException("other")), false },
        { "an empty aggregate", new AggregateException(), false },
        { "anything else", new InvalidOperationException("Sequence contains no elements"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tells_a_conflict(string what, Exception exception, bool conflict) =>
        Assert.True(ConcurrencyConflict.Is(exception) == conflict, $"{what}: expected {(conflict ? "a conflict" : "no conflict")}");
}
