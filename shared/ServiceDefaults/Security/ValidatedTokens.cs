using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace Diplomacy.ServiceDefaults.Security;

/// <summary>
/// Bearer tokens that passed validation, remembered by their exact text. An API client sends the same token with every
/// request for its lifetime, and checking it (the signature, then reading the claims) was a sixth of the gateway's CPU
/// for a small read, paid again by the service behind it. A token is remembered until it expires, and for
/// <see cref="MaxAge"/> at most, so a signing key the provider withdraws stops being honoured within that time. Each
/// request gets a copy of the principal, so nothing a request does to its user reaches another request.
/// </summary>
public sealed class ValidatedTokens
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // Looked up by the Authorization header's span, so a hit builds no string.
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    // Kept beside the table, whose own Count takes every lock. A re-validation racing an expiry can leave it off by one,
    // which only moves the bound by as much.
    private int _count;
    private long _lastSweep;

    public ValidatedTokens(TimeProvider clock, int capacity = DefaultCapacity)
    {
        _clock = clock;
        _capacity = capacity;
        _byText = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A copy of the principal of <paramref name="token"/> if it validated and has not expired since.</summary>
    public bool TryGet(ReadOnlySpan<char> token, [NotNullWhen(true)] out ClaimsPrincipal? principal)
    {
        principal = null;
        if (!_byText.TryGetValue(token, out var entry)) return false;
        if (entry.Until <= _clock.GetUtcNow())
        {
            if (_entries.TryRemove(new KeyValuePair<string, Entry>(entry.Token, entry))) Interlocked.Decrement(ref _count);
            return false;
        }
        principal = entry.Principal.Clone();
        return true;
    }

    /// <summary>Remembers a token that validated, until <paramref name="expires"/> and <see cref="MaxAge"/> from now at most.</summary>
    public void Remember(string token, ClaimsPrincipal principal, DateTimeOffset expires)
    {
        var now = _clock.GetUtcNow();
        var until = expires < now + MaxAge ? expires : now + MaxAge;
        if (until <= now) return;
        if (Volatile.Read(ref _count) >= _capacity && !MakeRoom(now)) return;
        var entry = new Entry(token, principal.Clone(), until);
        if (_entries.TryAdd(token, entry)) Interlocked.Increment(ref _count);
        else _entries[token] = entry;
    }

    /// <summary>How many tokens are remembered.</summary>
    public int Count => Volatile.Read(ref _count);

    // Full: drop what has expired, once a second at most, so a full table costs a miss no scan of its own. Tokens minted
    // faster than they expire are then validated each time, not remembered.
    private bool MakeRoom(DateTimeOffset now)
    {
        var last = Volatile.Read(ref _lastSweep);
        if (now.UtcTicks - last < TimeSpan.TicksPerSecond || Interlocked.CompareExchange(ref _lastSweep, now.UtcTicks, last) != last)
            return false;
        foreach (var (token, entry) in _entries)
            if (entry.Until <= now && _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry)))
                Interlocked.Decrement(ref _count);
        return Volatile.Read(ref _count) < _capacity;
    }

    private sealed record Entry(string Token, ClaimsPrincipal Principal, DateTimeOffset Until);
}
