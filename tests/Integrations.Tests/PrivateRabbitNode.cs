using System.Diagnostics;
using Diplomacy.TestSupport;
using RabbitMQ.Client;

namespace Diplomacy.Integrations.Tests;

/// <summary>
/// A RabbitMQ node of the test's own (its own ports, data directory, node name and epmd), started as deploy/servers.sh
/// starts the shared one, so a test can kill it without touching the broker everyone else uses. Killing is SIGKILL of
/// the node's process tree; starting again reuses the data directory, as a crashed broker coming back would.
/// </summary>
public sealed class PrivateRabbitNode : IAsyncDisposable
{
    private const string Bin = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"diplomacy-rabbit-{Guid.NewGuid():N}");
    private readonly string _node = $"itest{Guid.NewGuid().ToString("N")[..8]}@localhost";
    private readonly int _amqpPort, _distPort, _epmdPort;
    private Process? _epmd, _server;

    private PrivateRabbitNode() => (_amqpPort, _distPort, _epmdPort) = FreePorts.Take(3) switch { var p => (p[0], p[1], p[2]) };

    public Uri Amqp => new($"amqp://guest:guest@127.0.0.1:{_amqpPort}/");

    public static async Task<PrivateRabbitNode> StartAsync()
    {
        if (!File.Exists(Bin)) throw new InvalidOperationException($"{Bin} is missing: install rabbitmq-server (./deploy/servers.sh does).");
        var node = new PrivateRabbitNode();
        Directory.CreateDirectory(Path.Combine(node._dir, "log"));
        await File.WriteAllTextAsync(Path.Combine(node._dir, "rabbitmq.conf"), $"listeners.tcp.local = 127.0.0.1:{node._amqpPort}\n");
        await File.WriteAllTextAsync(Path.Combine(node._dir, "enabled_plugins"), "[].\n");
        await File.WriteAllTextAsync(Path.Combine(node._dir, "rabbitmq-env.conf"), "");
        // An epmd of its own, started here so it can be stopped by its id (a node would otherwise leave one running).
        node._epmd = Start("epmd", $"-port {node._epmdPort}", node.Environment());
        await node.StartServerAsync();
        return node;
    }

    public async Task StartServerAsync()
    {
        _server = Start(Bin, "", Environment());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var factory = new ConnectionFactory { Uri = Amqp, RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
            {
                if (_server.HasExited) throw new InvalidOperationException($"The private RabbitMQ node exited: see {_dir}/log.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"The private RabbitMQ node did not start: see {_dir}/log.");
                await Task.Delay(200);
            }
        }
    }

    /// <summary>The last lines of the node's log, for a failure message.</summary>
    public string LogTail(int lines = 40)
    {
        var logs = Directory.Exists(Path.Combine(_dir, "log")) ? Directory.GetFiles(Path.Combine(_dir, "log"), "*.log") : [];
        return string.Join(System.Environment.NewLine, logs.SelectMany(log =>
        {
            using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd().Split('\n').TakeLast(lines).Prepend($"--- {log}");
        }));
    }

    /// <summary>Kills the node hard (SIGKILL to its whole process tree), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_server is null) return;
        _server.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _server = null;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = _dir,
        ["ERL_EPMD_PORT"] = _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODENAME"] = _node,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = _amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = _distPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_dir, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_dir, "log"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(_dir, "rabbitmq.pid"),
        ["ERL_CRASH_DUMP"] = Path.Combine(_dir, "erl_crash.dump"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_dir, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_dir, "advanced.config"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_dir, "enabled_plugins"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_dir, "rabbitmq-env.conf"),
    };

    private static Process Start(string file, string arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Drained so a chatty process never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (_epmd is { HasExited: false })
        {
            _epmd.Kill(entireProcessTree: true);
            await _epmd.WaitForExitAsync();
        }
        _epmd?.Dispose();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
