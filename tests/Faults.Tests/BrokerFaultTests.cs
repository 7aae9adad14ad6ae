using Xunit.Abstractions;
namespace Diplomacy.Faults.Tests;

/// <summary>RabbitMQ SIGKILLed under load: commands keep succeeding, and every integration event arrives exactly once.</summary>
[Collection("faults")]
public sealed class BrokerFaultTests(FaultPlatform platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Killing_RabbitMQ_mid_load_fails_no_command_and_delivers_each_event_once()
    {
        using var gateway = platform.Client(platform.Tokens.Admin());
        var load = Workload.Start(gateway, workers: 8, outcomes: true);
        await load.WaitForSuccessesAsync(100, Deadline);

        await platform.Servers.KillRabbitAsync();
        int outcomesBefore;
        try
        {
            outcomesBefore = load.Outcomes.Count;
            // Commands go on with the broker gone, outcomes included: their events wait in the store, the outbox.
            await load.WaitForSuccessesAsync(200, Deadline);
            Assert.True(load.Outcomes.Count > outcomesBefore, $"No outcome was accepted while RabbitMQ was down: {load.Summary}");
        }
        finally
        {
            await platform.Servers.StartRabbitAsync();
        }
        await load.WaitForSuccessesAsync(100, Deadline);
        await load.StopAsync();
        output.WriteLine($"{load.Summary}; {platform.Elapsed}");

        Checks.OnlyAcceptedOrUnavailable(load, unavailableAllowed: false, platform.Output);
        await Checks.NothingAcceptedIsLostAsync(gateway, load);
        await Checks.EachOutcomeOpensOneLeadAsync(gateway, load, Deadline, platform.DescribeAsync);
        await platform.AllReadyAsync();
    }
}
