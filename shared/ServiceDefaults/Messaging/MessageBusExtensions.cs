using Diplomacy.ServiceDefaults.Http;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Messaging;

public static class MessageBusExtensions
{
    /// <summary>Retries, a second apart, of a message whose handling failed because the database was unavailable: an hour.</summary>
    public const int OutageRetries = 3_600;

    /// <summary>
    /// The queue type the endpoints declare (<c>Messaging:QueueType</c>): durable <c>classic</c> queues by default, for a
    /// single broker node; <c>quorum</c> where the broker is a cluster of three or more (the Kubernetes base). A quorum queue
    /// replicates nothing on one node, and RabbitMQ may leave its only member leaderless after a crash, so that nothing is
    /// confirmed or delivered until an operator triggers an election (rabbitmq-server#10070; seen here under load).
    /// </summary>
    public const string QueueTypeKey = "Messaging:QueueType";

    /// <summary>
    /// MassTransit on RabbitMQ (<c>ConnectionStrings:RabbitMq</c>, an amqp:// URI): durable queues named after the service,
    /// of the <see cref="QueueTypeKey"/> type, immediate-interval retries, then the endpoint's <c>_error</c> queue. Its
    /// health check joins /health/ready.
    /// </summary>
    public static IHostApplicationBuilder AddMessageBus(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connection = new Uri(builder.Configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not configured."));
        var quorum = builder.Configuration[QueueTypeKey] switch
        {
            null or "" or "classic" => false,
            "quorum" => true,
            var other => throw new InvalidOperationException($"{QueueTypeKey} is '{other}': it must be 'classic' or 'quorum'."),
        };

        builder.Services.AddMassTransit(bus =>
        {
            // Otherwise MassTransit reports usage to a public host.
            bus.DisableUsageTelemetry();
            // Each service gets its own queues, so two services consuming one event each receive it.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            consumers?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();
                // The broker has no delayed-message plugin, so retries are in-process intervals. The database being down is
                // no reason to give a message up to the _error queue: it is retried every second for as long as an outage
                // may last; other failures get a few quick retries, then the _error queue.
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(ServerUnavailable.Is);
                    retry.Interval(OutageRetries, TimeSpan.FromSeconds(1));
                });
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<Exception>(ServerUnavailable.Is);
                    retry.Intervals(100, 500, 1_000, 2_000, 5_000);
                });
            });

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(connection);
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
