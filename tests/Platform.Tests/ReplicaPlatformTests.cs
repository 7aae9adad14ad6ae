using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Diplomacy.Contracts.Membership;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit.Abstractions;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// Its own database, virtual host and processes: never in parallel with the "platform" collection, whose processes would
/// compete for the two cores while a failover is being timed.
/// </summary>
[CollectionDefinition("replicas", DisableParallelization = true)]
public sealed class ReplicaCollection;

/// <summary>An idempotent consumer of the real contract: what any consuming service does with a duplicate.</summary>
public sealed class SignedTallyConsumer(IDocumentStore store) : TallyConsumer<PartnerTieSigned>(store)
{
    protected override string KeyOf(PartnerTieSigned message) => message.PartnerCityId.ToString();
}

/// <summary>
/// Two replicas of the membership service on one database and one virtual host. The replica that runs the outbox relay
/// (the HotCold leader of Marten's async daemon, which holds its advisory lock) is stopped in the middle of a stream of
/// commands, gracefully or with SIGKILL; every integration event must still cross the broker, and two competing
/// idempotent consumers must count each one exactly once.
/// </summary>
[Collection("replicas")]
public sealed class ReplicaPlatformTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string PartnerCities = "/api/membership/partner-cities";
    private const int Ties = 20;
    private const int StopAfter = 10;
    private static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(90);

    private readonly TestTokens _tokens = TestTokens.WithNewKey();
    private readonly Dictionary<string, PlatformProcess> _replicas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly List<IHost> _consumers = [];
    private readonly FinishedDeliveries _deliveries = new();
    private string? _database;
    private string? _tallyDatabase;
    private Uri? _rabbitMq;

    private string Output => string.Join(Environment.NewLine, _replicas.Values.Select(p => p.Describe()));

    public async Task InitializeAsync()
    {
        try
        {
            var fixtureRoot = PlatformFixture.FindRepoRoot();
            var configuration = PlatformFixture.DetectConfiguration();
            var dll = Path.Combine(fixtureRoot, "services", "Membership", "bin", configuration, "net10.0", "Membership.dll");
            if (!File.Exists(dll))
                throw new InvalidOperationException($"{dll} is not built: dotnet build Diplomacy.slnx -c {configuration}");

            _database = await TestServers.CreateDatabaseAsync("replicas");
            _tallyDatabase = await TestServers.CreateDatabaseAsync("replicatally");
            _rabbitMq = await TestServers.CreateVirtualHostAsync("replicas");

            // Two replicas competing for the membership queues, and for the tally: the same consumer twice on one database.
            for (var i = 0; i < 2; i++) await StartTallyConsumerAsync();

            var ports = FreePorts.Take(2);
            foreach (var (name, port) in new[] { ("membership-a", ports[0]), ("membership-b", ports[1]) })
            {
                var url = new Uri($"http://127.0.0.1:{port}");
                _replicas[name] = PlatformProcess.Start(name, dll, url, new Dictionary<string, string>
                {
                    ["ASPNETCORE_URLS"] = url.GetLeftPart(UriPartial.Authority),
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    // The application name tells, in pg_stat_activity, which replica holds the daemon's lock.
                    ["ConnectionStrings__Postgres"] = $"{_database};Application Name={name}",
                    ["ConnectionStrings__RabbitMq"] = _rabbitMq.ToString(),
                    ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
                    ["Auth__DevelopmentSigningKey"] = _tokens.Key,
                });
                var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.Admin());
                _clients[name] = client;
            }
            await PlatformFixture.WaitAllReadyAsync([.. _replicas.Values]);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Dispose();
        foreach (var replica in _replicas.Values)
        {
            try { await replica.StopAsync(TimeSpan.FromSeconds(15)); } catch (InvalidOperationException) { }
            replica.Dispose();
        }
        foreach (var host in _consumers)
        {
            try { await host.StopAsync(TimeSpan.FromSeconds(15)); } catch (Exception e) { output.WriteLine($"consumer stop: {e.Message}"); }
            host.Dispose();
        }
        if (_database is not null) await TestServers.DropDatabaseAsync(_database);
        if (_tallyDatabase is not null) await TestServers.DropDatabaseAsync(_tallyDatabase);
        if (_rabbitMq is not null) await TestServers.DeleteVirtualHostAsync(_rabbitMq);
    }

    [Fact]
    public Task Replica_running_the_relay_stopped_gracefully_loses_no_integration_event() => StopTheRelayMidStreamAsync(hard: false);

    [Fact]
    public Task Replica_running_the_relay_killed_with_sigkill_loses_no_integration_event() => StopTheRelayMidStreamAsync(hard: true);

    private async Task StopTheRelayMidStreamAsync(bool hard)
    {
        await using var probe = await BrokerProbe<PartnerTieSigned>.StartAsync(_rabbitMq!);

        // One replica, never both, holds the daemon's lock, and so runs the relay.
        var leader = await Eventually.Get(async () => await SingleLockHolderAsync(), TimeSpan.FromSeconds(30),
            $"exactly one replica holding the async daemon's advisory lock{Environment.NewLine}{Output}");
        var survivor = _replicas.Keys.Single(name => name != leader);
        output.WriteLine($"The relay runs on {leader} (pid {_replicas[leader].Id}), holding advisory lock(s) {await LeaderLocksAsync()}; {survivor} is cold.");

        var signed = new List<Guid>();
        var names = _replicas.Keys.Order(StringComparer.Ordinal).ToArray();
        Task<TimeSpan>? takeover = null;
        var stopped = new Stopwatch();
        for (var i = 0; i < Ties; i++)
        {
            // Alternately through each replica while both run, then through the survivor.
            var through = i < StopAfter ? names[i % 2] : survivor;
            signed.Add(await SignTieAsync(_clients[through], $"Replica City {i:00} {Guid.NewGuid():N}"));

            if (i == StopAfter - 1)
            {
                // The leader has just committed a tie: its relay is likely publishing while it is stopped.
                var replica = _replicas[leader];
                stopped.Start();
                if (hard) replica.Kill();
                else await SignalAsync(replica.Id, "TERM");
                await replica.DrainAsync(TimeSpan.FromSeconds(30));
                Assert.True(replica.HasExited, $"{leader} still runs 30 s after it was stopped.{Environment.NewLine}{replica.Describe()}");
                output.WriteLine($"{leader} {(hard ? "killed (SIGKILL)" : "stopped (SIGTERM)")}: exited after {stopped.Elapsed.TotalSeconds:0.0} s " +
                                 $"with code {replica.ExitCode}; {probe.Received.Count} PartnerTieSigned received so far.");
                takeover = WaitForLockAsync(survivor, stopped);
            }
        }

        var expected = signed.ToHashSet();
        await Eventually.True(() => Task.FromResult(expected.SetEquals(probe.Received.Select(r => r.Message.PartnerCityId).ToHashSet())),
            DeliveryDeadline, $"all {Ties} PartnerTieSigned after the failover; got {probe.Received.Select(r => r.Message.PartnerCityId).Distinct().Count()}" +
                              $"{Environment.NewLine}{Output}");
        var allDelivered = stopped.Elapsed;
        var lockTakenOver = await takeover!;
        output.WriteLine($"{survivor} took the daemon's lock {lockTakenOver.TotalSeconds:0.0} s after the stop; " +
                         $"every event crossed the broker {allDelivered.TotalSeconds:0.0} s after the stop.");

        // None lost is shown; now the duplicates. Every copy carries the Marten event id as its message id, so a copy
        // published again after the failover is recognisable: one message id per tie, identical content per message id.
        var received = probe.Received.ToList();
        Assert.All(received, r => Assert.NotNull(r.MessageId));
        foreach (var copies in received.GroupBy(r => r.MessageId))
            Assert.Single(copies.Select(c => c.Message).Distinct());
        foreach (var tie in received.GroupBy(r => r.Message.PartnerCityId))
            Assert.Single(tie.Select(c => c.MessageId).Distinct());
        var signatures = await SignatureEventIdsAsync();
        Assert.All(received, r => Assert.Equal(signatures[r.Message.PartnerCityId], r.MessageId));
        var duplicates = received.Count - expected.Count;
        output.WriteLine($"The probe received {received.Count} PartnerTieSigned for {expected.Count} ties ({duplicates} duplicates).");

        // The idempotent consumers, competing on one queue, count each tie exactly once whatever crossed the broker.
        var store = _consumers[0].Services.GetRequiredService<IDocumentStore>();
        await Eventually.True(async () =>
        {
            await using var session = store.QuerySession();
            return await session.Query<Tally>().CountAsync() == Ties && _deliveries.Done.Count >= received.Count;
        }, TimeSpan.FromSeconds(30), $"the tally consumers to handle all {received.Count} deliveries");
        await using (var session = store.QuerySession())
        {
            var tallies = await session.Query<Tally>().ToListAsync();
            Assert.Equal(expected.Select(id => (id.ToString(), 1)).Order(), tallies.Select(t => (t.Id, t.Count)).Order());
            Assert.Equal(Ties, await session.Query<HandledMessage>().CountAsync());
        }
        output.WriteLine($"The tally consumers finished {_deliveries.Done.Count} deliveries and counted each of the {Ties} ties once.");

        // What a relay that crashed between publishing and checkpointing does: publish every event again, same message id.
        var finished = _deliveries.Done.Count;
        var bus = _consumers[1].Services.GetRequiredService<IBus>();
        foreach (var (messageId, message) in received.DistinctBy(r => r.MessageId))
            await bus.Publish(message, context => context.MessageId = messageId);
        await Eventually.True(() => Task.FromResult(_deliveries.Done.Count >= finished + Ties), TimeSpan.FromSeconds(30),
            $"the tally consumers to handle the {Ties} re-published copies");
        await using (var session = store.QuerySession())
        {
            var tallies = await session.Query<Tally>().ToListAsync();
            Assert.Equal(expected.Select(id => (id.ToString(), 1)).Order(), tallies.Select(t => (t.Id, t.Count)).Order());
            Assert.Equal(Ties, await session.Query<HandledMessage>().CountAsync());
        }

        // The survivor now runs the relay alone: still exactly one holder of the lock.
        Assert.Equal(survivor, await SingleLockHolderAsync());
    }

    /// <summary>Proposes, approves and signs a sister tie; returns its id.</summary>
    private static async Task<Guid> SignTieAsync(HttpClient client, string city)
    {
        var proposal = await client.PostAsJsonAsync(PartnerCities,
            new { city, country = "VN", jurisdiction = "city", tie = "sister", proposedOn = "1996" });
        await proposal.AssertStatus(HttpStatusCode.Created);
        var location = proposal.Headers.Location!.ToString();
        var id = Guid.Parse(location.Split('/')[^1]);
        var approval = await client.PostIfMatchAsync($"{PartnerCities}/{id}/council-approval", new { approvedOn = "1996-04" }, "\"1\"");
        await approval.AssertStatus(HttpStatusCode.OK);
        var agreement = await client.PostIfMatchAsync($"{PartnerCities}/{id}/agreement", new { signedOn = "1996-05" }, "\"2\"");
        await agreement.AssertStatus(HttpStatusCode.OK);
        return id;
    }

    /// <summary>
    /// The one replica whose session holds an advisory lock outside any transaction, or null if none or both do. The async
    /// daemon's HotCold leadership is such a lock, held by an idle session; the audit chain's locks are transaction-scoped,
    /// taken by sessions busy appending, and do not count.
    /// </summary>
    private async Task<string?> SingleLockHolderAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select distinct a.application_name
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.state = 'idle'
            """, connection);
        var holders = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) holders.Add(reader.GetString(0));
        return holders.Count == 1 ? holders[0] : null;
    }

    /// <summary>The id of each tie's signing event (version 3 of its stream) in the replicas' event store.</summary>
    private async Task<Dictionary<Guid, Guid?>> SignatureEventIdsAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select stream_id, id from mt_events where version = 3", connection);
        var ids = new Dictionary<Guid, Guid?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids[reader.GetGuid(0)] = reader.GetGuid(1);
        return ids;
    }

    /// <summary>The advisory locks (classid/objid/objsubid) the leader holds, for the test's output.</summary>
    private async Task<string> LeaderLocksAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select coalesce(string_agg(distinct format('%s/%s/%s', l.classid, l.objid, l.objsubid), ', '), 'none')
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.state = 'idle'
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<TimeSpan> WaitForLockAsync(string survivor, Stopwatch since)
    {
        await Eventually.True(async () => await SingleLockHolderAsync() == survivor, DeliveryDeadline, $"{survivor} to take the daemon's lock");
        return since.Elapsed;
    }

    private async Task StartTallyConsumerAsync() =>
        _consumers.Add(await ConsumerHost.StartAsync<SignedTallyConsumer>(_tallyDatabase!, _rabbitMq!, "replica-tally", _deliveries));

    private static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString()]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
