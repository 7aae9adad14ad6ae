using System.Net;
using System.Net.Sockets;

namespace Diplomacy.Faults.Tests;

/// <summary>
/// What <c>deploy/servers.sh start</c> does when RabbitMQ cannot start: the fault tests restart it under load, and when
/// that fails their message must say why, with no half-started node left behind.
/// </summary>
[Collection("faults")] // One after another with the fault tests: a node booting beside them would slow their restarts.
public sealed class ServerScriptTests
{
    [Fact]
    public async Task A_RabbitMQ_node_that_cannot_start_fails_the_script_with_its_error_and_leaves_nothing_running()
    {
        await using var servers = PrivateServers.Prepare(FaultPlatform.RepoRoot());
        var occupied = new TcpListener(IPAddress.Loopback, servers.RabbitPort);
        occupied.Start();
        try
        {
            var (exitCode, output) = await servers.TryScriptAsync("start", "rabbitmq");

            Assert.NotEqual(0, exitCode);
            Assert.Contains("RabbitMQ: the node exited after", output);
            // The reason is in the node's own log, which the script quotes: the console log stops before it.
            Assert.Contains("eaddrinuse", output);
            Assert.Empty(servers.ProcessesUsingData());
        }
        finally
        {
            occupied.Stop();
        }
    }
}
