using JasperFx;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Marten's optimistic-concurrency failures: one, or several from one batch, which Marten throws together as an
/// <see cref="AggregateException"/>. Either way nothing was written, and the answer is 412, never a 500.
/// </summary>
public static class ConcurrencyConflict
{
    public static bool Is(Exception exception) =>
        exception is ConcurrencyException
        || exception is AggregateException { InnerExceptions: { Count: > 0 } inner } && inner.All(e => e is ConcurrencyException);
}
