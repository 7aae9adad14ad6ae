using Diplomacy.ServiceDefaults.Messaging;
using Diplomacy.TestSupport;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Tests;

public sealed record TallyRequested(string Key);

public sealed class TallyRequestedConsumer(IDocumentStore store) : TallyConsumer<TallyRequested>(store)
{
    protected override string KeyOf(TallyRequested message) => message.Key;
}

/// <summary>The idempotent consumer on the real PostgreSQL and RabbitMQ.</summary>
public sealed class IdempotentConsumerTests : IAsyncLifetime
{
    private string _postgres = "";
    private Uri _rabbit = null!;
    private IHost _host = null!;
    private readonly FinishedDeliveries _deliveries = new();

    public async Task InitializeAsync()
    {
        _postgres = await TestServers.CreateDatabaseAsync("idem");
        _rabbit = await TestServers.CreateVirtualHostAsync("idem");
        _host = await ConsumerHost.StartAsync<TallyRequestedConsumer>(_postgres, _rabbit, "idempotency-test", _deliveries);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await TestServers.DropDatabaseAsync(_postgres);
        await TestServers.DeleteVirtualHostAsync(_rabbit);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_changes_the_state_once()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var key = $"tally-{messageId:N}";

        await Task.WhenAll(
            bus.Publish(new TallyRequested(key), c => c.MessageId = messageId),
            bus.Publish(new TallyRequested(key), c => c.MessageId = messageId));
        // A different message is not a duplicate.
        await bus.Publish(new TallyRequested(key + "-other"), c => c.MessageId = Guid.NewGuid());

        await Eventually.True(() => Task.FromResult(_deliveries.Done.Count >= 3), what: "three deliveries");

        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Equal(1, (await session.LoadAsync<Tally>(key))?.Count);
        Assert.Equal(1, (await session.LoadAsync<Tally>(key + "-other"))?.Count);
        Assert.Equal(2, await session.Query<HandledMessage>().CountAsync());
    }

    [Fact]
    public async Task A_message_delivered_again_after_it_was_handled_changes_nothing_and_is_not_a_fault()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var key = $"again-{messageId:N}";

        await bus.Publish(new TallyRequested(key), c => c.MessageId = messageId);
        await Eventually.True(() => Task.FromResult(_deliveries.Done.Contains(messageId)), what: "the first delivery");
        await bus.Publish(new TallyRequested(key), c => c.MessageId = messageId);
        await Eventually.True(() => Task.FromResult(_deliveries.Done.Count(id => id == messageId) == 2), what: "the second delivery");

        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Equal(1, (await session.LoadAsync<Tally>(key))?.Count);
        Assert.Equal(1, await session.Query<HandledMessage>().CountAsync(h => h.Id.EndsWith(messageId.ToString())));
        Assert.Empty(_deliveries.Faults);
    }
}
