using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Diplomacy.Benchmarks;

/// <summary>
/// The concurrent read load of the propagation benchmark, in a process of its own (as wrk would be): closed-loop GETs
/// through the gateway. In the harness's own process its continuations queued in the same thread pool as the timed
/// sample's, so the figure counted the harness waiting for itself.
/// </summary>
public sealed class ReadLoad : IAsyncDisposable
{
    public const string Mode = "read-load";
    private const string TokenVariable = "DIPLOMACY_BENCH_TOKEN";
    private readonly Process _process;

    private ReadLoad(Process process) => _process = process;

    /// <summary>Starts <paramref name="clients"/> readers of <paramref name="path"/>; they read until disposed.</summary>
    public static ReadLoad Start(Uri gateway, string path, string token, int clients)
    {
        return new ReadLoad(ChildProcess.Start(Mode, [gateway.AbsoluteUri, path, clients.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { [TokenVariable] = token }));
    }

    /// <summary>Stops the readers (their input closes) and returns their last line: how many reads, and how many failed.</summary>
    public async Task<string> StopAsync()
    {
        _process.StandardInput.Close();
        var line = await _process.StandardOutput.ReadLineAsync() ?? "no count";
        await _process.WaitForExitAsync();
        return line;
    }

    public ValueTask DisposeAsync() => ChildProcess.EndAsync(_process);

    /// <summary>The child's side: reads until its standard input closes (the harness stopped it, or ended).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (gateway, path, clients) = (new Uri(args[1]), args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable(TokenVariable));
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            await ChildProcess.InputClosedAsync();
            await stop.CancelAsync();
        });
        long reads = 0, failed = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync(path, stop.Token);
                    await response.Content.CopyToAsync(Stream.Null, stop.Token);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref failed); }
                Interlocked.Increment(ref reads);
            }
        })));
        await watch;
        Console.WriteLine($"{reads} reads, {failed} failed");
        return 0;
    }
}
