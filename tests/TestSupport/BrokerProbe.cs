using System.Collections.Concurrent;
using MassTransit;

namespace Diplomacy.TestSupport;

/// <summary>
/// A consumer bound on the real broker that records every <typeparamref name="T"/> it receives,
/// with its message id, so a test can assert what crossed RabbitMQ and how often.
/// </summary>
public sealed class BrokerProbe<T> : IAsyncDisposable where T : class
{
    private readonly IBusControl _bus;
    public ConcurrentQueue<(Guid? MessageId, T Message)> Received { get; }

    private BrokerProbe(IBusControl bus, ConcurrentQueue<(Guid? MessageId, T Message)> received) => (_bus, Received) = (bus, received);

    public static async Task<BrokerProbe<T>> StartAsync(Uri amqp)
    {
        var received = new ConcurrentQueue<(Guid? MessageId, T Message)>();
        var bus = await TestBus.StartAsync(amqp, rabbit => rabbit.ReceiveEndpoint($"probe-{typeof(T).Name}-{Guid.NewGuid():N}", endpoint =>
        {
            endpoint.AutoDelete = true;
            endpoint.Handler<T>(context =>
            {
                received.Enqueue((context.MessageId, context.Message));
                return Task.CompletedTask;
            });
        }));
        return new BrokerProbe<T>(bus, received);
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
