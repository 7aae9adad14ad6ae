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
    public ConcurrentQueue<(Guid? MessageId, T Message)> Received { get; } = new();

    private BrokerProbe(Uri amqp, string queue)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(amqp);
            rabbit.ReceiveEndpoint(queue, endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Handler<T>(context =>
                {
                    Received.Enqueue((context.MessageId, context.Message));
                    return Task.CompletedTask;
                });
            });
        });
    }

    public static async Task<BrokerProbe<T>> StartAsync(Uri amqp)
    {
        var probe = new BrokerProbe<T>(amqp, $"probe-{typeof(T).Name}-{Guid.NewGuid():N}");
        await probe._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return probe;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
