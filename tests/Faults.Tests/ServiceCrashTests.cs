using Xunit.Abstractions;
namespace Diplomacy.Faults.Tests;

/// <summary>
/// The publishing and the consuming service SIGKILLed under load (a relay between publish and checkpoint, a consumer
/// between receive and ack) and started again: nothing answered 2xx is lost, and each event is applied once.
/// </summary>
[Collection("faults")]
public sealed class ServiceCrashTests(FaultPlatform platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_service_killed_mid_load_and_restarted_loses_nothing_it_answered_2xx()
    {
        using var gateway = platform.Client(platform.Tokens.Admin());
        var load = Workload.Start(gateway, workers: 8, outcomes: true);
        await load.WaitForSuccessesAsync(150, Deadline);

        await Task.WhenAll(platform.KillAsync("Exchanges"), platform.KillAsync("Exports"));
        // The other services go on; the gateway answers 503 for the two that are gone.
        await load.WaitForSuccessesAsync(50, Deadline);
        await Task.WhenAll(platform.RestartAsync("Exchanges"), platform.RestartAsync("Exports"));
        await load.WaitForSuccessesAsync(150, Deadline);
        await load.StopAsync();
        output.WriteLine($"{load.Summary}; {platform.Elapsed}");

        Checks.OnlyAcceptedOrUnavailable(load, unavailableAllowed: true, platform.Output);
        Assert.True(load.Answered(503) > 0, $"The gateway never said a killed service was unavailable: {load.Summary}");
        await Checks.NothingAcceptedIsLostAsync(gateway, load);
        await Checks.EachOutcomeOpensOneLeadAsync(gateway, load, Deadline, platform.DescribeAsync);
    }

    [Fact]
    public async Task Requests_sent_again_with_their_keys_after_a_kill_are_recorded_once()
    {
        using var gateway = platform.Client(platform.Tokens.Admin());
        // Callers that send each 503 again, with its Idempotency-Key, until the service is back.
        var load = Workload.Start(gateway, workers: 8, outcomes: true, keyed: true);
        await load.WaitForSuccessesAsync(150, Deadline);

        await Task.WhenAll(platform.KillAsync("Exchanges"), platform.KillAsync("Exports"));
        await Eventually.True(() => Task.FromResult(load.Answered(503) > 0), Deadline, $"a 503 for the killed services ({load.Summary})");
        await Task.WhenAll(platform.RestartAsync("Exchanges"), platform.RestartAsync("Exports"));
        await load.WaitForSuccessesAsync(150, Deadline);
        await load.StopAsync();
        output.WriteLine($"{load.Summary}; {platform.Elapsed}");

        // No 412 for a command whose first answer was lost: it is answered again.
        Checks.OnlyAcceptedOrUnavailable(load, unavailableAllowed: true, platform.Output);
        await Checks.NothingAcceptedIsLostAsync(gateway, load);
        await Checks.EachPolicyHasOneExchangeAsync(gateway, load);
        await Checks.EachOutcomeOpensOneLeadAsync(gateway, load, Deadline, platform.DescribeAsync);
    }
}
