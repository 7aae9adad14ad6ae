using Diplomacy.Exchanges.Integration;

namespace Diplomacy.Exchanges.Tests.Decisions;

public class NetworkMembershipStatusTests
{
    [Fact]
    public void Only_a_strictly_later_fact_is_newer()
    {
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var status = new NetworkMembershipStatus { AsOf = at };
        Assert.True(status.IsNewerThan(at.AddSeconds(-1)));
        Assert.False(status.IsNewerThan(at));
        Assert.False(status.IsNewerThan(at.AddSeconds(1)));
    }
}
