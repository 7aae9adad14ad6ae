using System.Collections.Concurrent;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;
using Microsoft.Extensions.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Diplomacy.TestSupport;

/// <summary>A host running one consumer the way a service does: the event store and the message bus of ServiceDefaults.</summary>
public static class ConsumerHost
{
    /// <summary>
    /// Starts <typeparamref name="TConsumer"/> on <paramref name="postgres"/> and <paramref name="rabbitMq"/>, with
    /// <paramref name="deliveries"/> recording what it finished; returns once its queue is bound.
    /// </summary>
    public static async Task<IHost> StartAsync<TConsumer>(
        string postgres, Uri rabbitMq, string serviceName, FinishedDeliveries deliveries, IDictionary<string, string?>? settings = null)
        where TConsumer : class, IConsumer
    {
        // Development, as a local run: the store brings its schema up to date at start (Production leaves that to --apply-schema).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration["ConnectionStrings:Postgres"] = postgres;
        builder.Configuration["ConnectionStrings:RabbitMq"] = rabbitMq.ToString();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHealthChecks();
        builder.AddEventStore(_ => { });
        builder.AddMessageBus(serviceName, bus => bus.AddConsumer<TConsumer>());
        builder.Services.AddConsumeObserver(_ => deliveries);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            // Publishing before the consumer's queue is bound would route the messages nowhere.
            await TestBus.WaitHealthyAsync(host.Services);
            return host;
        }
        catch
        {
            // The caller never gets this host, so it cannot stop it: a bus left running would keep the virtual host busy.
            using (host) await host.StopAsync(TimeSpan.FromSeconds(15));
            throw;
        }
    }
}

/// <summary>Every delivery a consumer finished, duplicates included, and every attempt that threw.</summary>
public sealed class FinishedDeliveries : IConsumeObserver
{
    public ConcurrentQueue<Guid?> Done { get; } = new();
    public ConcurrentQueue<Exception> Faults { get; } = new();
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
    public Task PostConsume<T>(ConsumeContext<T> context) where T : class { Done.Enqueue(context.MessageId); return Task.CompletedTask; }
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class { Faults.Enqueue(exception); return Task.CompletedTask; }
}

/// <summary>How many times a <see cref="TallyConsumer{TMessage}"/> handled a message with this key.</summary>
public sealed class Tally
{
    public required string Id { get; init; }
    public int Count { get; set; }
}

/// <summary>An idempotent consumer that counts what it handles per key: a duplicate it let through shows as a count above one.</summary>
public abstract class TallyConsumer<TMessage>(IDocumentStore store) : IdempotentConsumer<TMessage>(store) where TMessage : class
{
    protected abstract string KeyOf(TMessage message);

    protected override async Task Handle(TMessage message, IDocumentSession session, ConsumeContext context)
    {
        var key = KeyOf(message);
        var tally = await session.LoadAsync<Tally>(key, context.CancellationToken) ?? new Tally { Id = key };
        tally.Count++;
        session.Store(tally);
    }
}
