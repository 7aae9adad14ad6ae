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
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Run as `dotnet Benchmarks.dll`, the process path is dotnet's: the assembly comes first then.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(BareForwarder).Assembly.Location);
        foreach (var argument in new[] { Mode, target.AbsoluteUri, address.AbsoluteUri }) start.ArgumentList.Add(argument);
        // The gateway's runtime settings (Directory.Build.targets and the web SDK): server GC, no thread-pool spinning.
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bare forwarder.");
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { _process.Kill(); }
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

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
        while (await Console.In.ReadLineAsync() is not null) { }
        await app.StopAsync();
        return 0;
    }
}
