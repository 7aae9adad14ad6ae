using System.Collections.Concurrent;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Messaging;
using Diplomacy.TestSupport;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Tests;

public sealed record TallyRequested(string Key);

public sealed class Tally
{
    public required string Id { get; init; }
    public int Count { get; set; }
}

public sealed class TallyConsumer(IDocumentStore store) : IdempotentConsumer<TallyRequested>(store)
{
    protected override async Task Handle(TallyRequested message, IDocumentSession session, ConsumeContext context)
    {
        var tally = await session.LoadAsync<Tally>(message.Key, context.CancellationToken) ?? new Tally { Id = message.Key };
        tally.Count++;
        session.Store(tally);
    }
}

/// <summary>Counts deliveries the consumer finished, duplicates included.</summary>
public sealed class Deliveries : IConsumeObserver
{
    public ConcurrentQueue<Guid?> Done { get; } = new();
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
    public Task PostConsume<T>(ConsumeContext<T> context) where T : class { Done.Enqueue(context.MessageId); return Task.CompletedTask; }
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>The idempotent consumer on the real PostgreSQL and RabbitMQ.</summary>
public sealed class IdempotentConsumerTests : IAsyncLifetime
{
    private string _postgres = "";
    private Uri _rabbit = null!;
    private IHost _host = null!;
    private readonly Deliveries _deliveries = new();

    public async Task InitializeAsync()
    {
        _postgres = await TestServers.CreateDatabaseAsync("idem");
        _rabbit = await TestServers.CreateVirtualHostAsync("idem");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:Postgres"] = _postgres;
        builder.Configuration["ConnectionStrings:RabbitMq"] = _rabbit.ToString();
        builder.Services.AddHealthChecks();
        builder.AddEventStore(_ => { });
        builder.AddMessageBus("idempotency-test", bus => bus.AddConsumer<TallyConsumer>());
        builder.Services.AddConsumeObserver(_ => _deliveries);
        _host = builder.Build();
        await _host.StartAsync();
        // Publishing before the consumer's queue is bound would route the messages nowhere.
        var health = await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        Assert.Equal(BusHealthStatus.Healthy, health);
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
}
