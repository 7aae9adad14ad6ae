using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Diplomacy.Benchmarks;

/// <summary>
/// The gateway's proxy with nothing else, in a process of its own: YARP forwarding every path to one service, without
/// authentication, access policy, rate limit, telemetry, security headers or console. The gateway benchmark reads through
/// it beside the gateway, so the run shows how much of the gateway's cost is the forwarding hop itself on this machine,
/// and how much is the gateway's own.
/// </summary>
public sealed class BareForwarder : IAsyncDisposable
{
    public const string Mode = "forwarder";
    private const string Ready = "ready";
    private readonly Process _process;

    private BareForwarder(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }
    public int ProcessId => _process.Id;

    /// <summary>Starts a forwarder to <paramref name="target"/> and returns once it listens.</summary>
    public static async Task<BareForwarder> StartAsync(Uri target)
    {
        var address = new Uri($"http://127.0.0.1:{TestSupport.FreePorts.Take(1)[0]}");
        // The gateway's runtime settings (Directory.Build.targets and the web SDK): server GC, no thread-pool spinning.
        var process = ChildProcess.Start(Mode, [target.AbsoluteUri, address.AbsoluteUri], new Dictionary<string, string>
        {
            ["DOTNET_gcServer"] = "1",
            ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
        });
        var forwarder = new BareForwarder(process, address);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            if (await process.StandardOutput.ReadLineAsync(timeout.Token) != Ready) throw new InvalidOperationException("The bare forwarder did not start.");
        }
        catch
        {
            await forwarder.DisposeAsync();
            throw;
        }
        return forwarder;
    }

    public ValueTask DisposeAsync() => ChildProcess.EndAsync(_process);

    /// <summary>The child's side: forwards until its standard input closes (the harness stopped it, or ended).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (target, address) = (args[1], args[2]);
        var builder = WebApplication.CreateSlimBuilder();
        // Its standard output is the harness's signal that it listens.
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "service", Match = new RouteMatch { Path = "/{**rest}" } }],
            [new ClusterConfig { ClusterId = "service", Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = target } } }]);
        await using var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        Console.WriteLine(Ready);
        await ChildProcess.InputClosedAsync();
        await app.StopAsync();
        return 0;
    }
}
