using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Diplomacy.TestSupport;

/// <summary>A bus of the test's own on the real broker: a stand-in for another service's publisher, or a probe's listener.</summary>
public static class TestBus
{
    public static async Task<IBusControl> StartAsync(Uri amqp, Action<IRabbitMqBusFactoryConfigurator>? configure = null)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(amqp);
            configure?.Invoke(rabbit);
        });
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(deadline.Token);
        return bus;
    }

    /// <summary>Waits until the bus of <paramref name="services"/> is up, so its consumers' queues are bound before a test publishes.</summary>
    public static async Task WaitHealthyAsync(IServiceProvider services)
    {
        var health = await services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        Assert.Equal(BusHealthStatus.Healthy, health);
    }
}
