using System.Threading.Channels;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>A service's commits announced to the other replicas on the real PostgreSQL (<see cref="AppendWakeup"/>).</summary>
public sealed class AppendWakeupTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private string _postgres = "";

    public async Task InitializeAsync() => _postgres = await TestServers.CreateDatabaseAsync("wakeup");

    public Task DisposeAsync() => TestServers.DropDatabaseAsync(_postgres);

    public sealed record Probed(int Number);

    public sealed record ProbeNote(Guid Id);

    [Fact]
    public async Task Each_commit_with_events_is_announced_also_after_the_notifiers_connection_was_ended()
    {
        using var host = EventStoreHost.Build(_postgres);
        await host.StartAsync();
        try
        {
            await using var listener = new NpgsqlConnection(_postgres);
            await listener.OpenAsync();
            var notices = Channel.CreateUnbounded<string>();
            listener.Notification += (_, e) => notices.Writer.TryWrite(e.Payload);
            await using (var listen = new NpgsqlCommand($"LISTEN {AppendWakeup.Channel}", listener)) await listen.ExecuteNonQueryAsync();

            var store = host.Services.GetRequiredService<IDocumentStore>();
            var payloads = new List<string>();
            for (var i = 0; i < 3; i++) payloads.Add(await CommitAndHearAsync(store, listener, notices, i));
            Assert.Single(payloads.Distinct());

            // The database ends the notifier's connection (a restart, an operator): the next commit is announced anyway.
            var notifiers = await NotifyingBackendsAsync();
            Assert.Single(notifiers);
            await using (var terminate = new NpgsqlConnection(_postgres))
            {
                await terminate.OpenAsync();
                await using var command = new NpgsqlCommand($"select pg_terminate_backend({notifiers[0]})", terminate);
                await command.ExecuteNonQueryAsync();
            }
            Assert.Equal(payloads[0], await CommitAndHearAsync(store, listener, notices, 3));

            // A commit without events wakes nobody.
            await using (var session = store.LightweightSession())
            {
                session.Store(new ProbeNote(Guid.NewGuid()));
                await session.SaveChangesAsync();
            }
            Assert.Null(await NextNoticeAsync(listener, notices, TimeSpan.FromSeconds(1)));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_read_waiting_for_the_next_commit_hears_this_replicas_commits_and_another_replicas()
    {
        using var here = EventStoreHost.Build(_postgres);
        using var elsewhere = EventStoreHost.Build(_postgres);
        await here.StartAsync();
        await elsewhere.StartAsync();
        try
        {
            var wakeup = here.Services.GetRequiredService<AppendWakeup>();
            var store = here.Services.GetRequiredService<IDocumentStore>();
            var otherStore = elsewhere.Services.GetRequiredService<IDocumentStore>();
            var next = wakeup.NextCommit;
            await AppendAsync(store, 1);
            await next.WaitAsync(Patience);

            // The first wait started listening for the other replicas' commits; until it listens, one can pass unheard.
            var listening = false;
            for (var i = 0; i < 15 && !listening; i++)
            {
                next = wakeup.NextCommit;
                await AppendAsync(otherStore, 100 + i);
                listening = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(1))) == next;
            }
            Assert.True(listening, "Never heard another replica's commit.");
            next = wakeup.NextCommit;
            await AppendAsync(otherStore, 2);
            await next.WaitAsync(Patience);

            // A commit without events is not one to wait for. The notices of the commits above settle first: the notifier
            // coalesces, so a last one can follow the commit it was sent for.
            next = await QuietAsync(wakeup);
            await using (var session = otherStore.LightweightSession())
            {
                session.Store(new ProbeNote(Guid.NewGuid()));
                await session.SaveChangesAsync();
            }
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(1)));
            Assert.False(next.IsCompleted);
        }
        finally
        {
            await elsewhere.StopAsync();
            await here.StopAsync();
        }
    }

    /// <summary>The next commit once half a second has passed without one.</summary>
    private static async Task<Task> QuietAsync(AppendWakeup wakeup)
    {
        for (var i = 0; i < 20; i++)
        {
            var next = wakeup.NextCommit;
            if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500))) != next) return next;
        }
        throw new TimeoutException("Commits kept being announced while none was made.");
    }

    private static async Task AppendAsync(IDocumentStore store, int number)
    {
        await using var session = store.LightweightSession();
        session.Events.StartStream(Guid.NewGuid(), new Probed(number));
        await session.SaveChangesAsync();
    }

    private static async Task<string> CommitAndHearAsync(IDocumentStore store, NpgsqlConnection listener, Channel<string> notices, int number)
    {
        await AppendAsync(store, number);
        return await NextNoticeAsync(listener, notices, Patience) ?? throw new TimeoutException($"No notice of commit {number}.");
    }

    private static async Task<string?> NextNoticeAsync(NpgsqlConnection listener, Channel<string> notices, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        string? payload;
        while (!notices.Reader.TryRead(out payload))
        {
            // Npgsql waits in whole milliseconds, and a wait of 0 is a wait without end: under 1 ms left is no time left.
            var left = (int)(deadline - DateTime.UtcNow).TotalMilliseconds;
            if (left < 1) return null;
            await listener.WaitAsync(left);
        }
        return payload;
    }

    /// <summary>The backends of this database whose last statement was a NOTIFY: the notifier's.</summary>
    private Task<List<int>> NotifyingBackendsAsync() => TestServers.ColumnAsync<int>(_postgres,
        "select pid from pg_stat_activity where datname = current_database() and query like 'NOTIFY%'");
}
