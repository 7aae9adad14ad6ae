using System.Security.Claims;
using Diplomacy.ServiceDefaults.Security;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>Tokens that validated are remembered by their exact text, until they expire, for a minute at most, within a bound.</summary>
public sealed class ValidatedTokensTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_remembered_token_gives_a_copy_of_its_principal_and_only_for_its_exact_text()
    {
        var clock = new SettableClock(Start);
        var tokens = new ValidatedTokens(clock);
        tokens.Remember("header.payload.signature", Principal("editor"), Start.AddHours(1));

        Assert.True(tokens.TryGet("header.payload.signature", out var first));
        Assert.True(first.HasClaim(PlatformClaims.Role, "editor"));
        Assert.True(first.Identity?.IsAuthenticated);
        first.AddIdentity(new ClaimsIdentity([new Claim(PlatformClaims.Role, Roles.Admin)], "added"));
        Assert.True(tokens.TryGet("header.payload.signature", out var second));
        Assert.NotSame(first, second);
        Assert.False(second.HasClaim(PlatformClaims.Role, Roles.Admin));

        Assert.False(tokens.TryGet("header.payload.signaturE", out _));
        Assert.False(tokens.TryGet("header.payload.signature ", out _));
        Assert.False(tokens.TryGet("", out _));
    }

    [Fact]
    public void A_token_is_forgotten_when_it_expires()
    {
        var clock = new SettableClock(Start);
        var tokens = new ValidatedTokens(clock);
        tokens.Remember("t", Principal("viewer"), Start.AddSeconds(20));

        clock.Now = Start.AddSeconds(19);
        Assert.True(tokens.TryGet("t", out _));
        clock.Now = Start.AddSeconds(20);
        Assert.False(tokens.TryGet("t", out _));
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public void A_long_lived_token_is_remembered_for_one_minute_at_most()
    {
        var clock = new SettableClock(Start);
        var tokens = new ValidatedTokens(clock);
        tokens.Remember("t", Principal("viewer"), Start.AddHours(8));

        clock.Now = Start + ValidatedTokens.MaxAge - TimeSpan.FromSeconds(1);
        Assert.True(tokens.TryGet("t", out _));
        clock.Now = Start + ValidatedTokens.MaxAge;
        Assert.False(tokens.TryGet("t", out _));
    }

    [Fact]
    public void An_expired_token_is_not_remembered()
    {
        var tokens = new ValidatedTokens(new SettableClock(Start));
        tokens.Remember("t", Principal("viewer"), Start.AddSeconds(-1));

        Assert.False(tokens.TryGet("t", out _));
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public void A_full_table_takes_a_new_token_only_once_another_has_expired()
    {
        var clock = new SettableClock(Start);
        var tokens = new ValidatedTokens(clock, capacity: 2);
        tokens.Remember("a", Principal("viewer"), Start.AddSeconds(10));
        tokens.Remember("b", Principal("viewer"), Start.AddHours(1));
        tokens.Remember("c", Principal("viewer"), Start.AddHours(1));
        Assert.False(tokens.TryGet("c", out _));
        Assert.Equal(2, tokens.Count);

        clock.Now = Start.AddSeconds(11);
        tokens.Remember("c", Principal("viewer"), Start.AddHours(1));

        Assert.True(tokens.TryGet("c", out _));
        Assert.True(tokens.TryGet("b", out _));
        Assert.False(tokens.TryGet("a", out _));
        Assert.Equal(2, tokens.Count);
    }

    private static ClaimsPrincipal Principal(string role) =>
        new(new ClaimsIdentity([new Claim(PlatformClaims.Subject, "someone"), new Claim(PlatformClaims.Role, role)], "Bearer",
            PlatformClaims.Subject, PlatformClaims.Role));

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
