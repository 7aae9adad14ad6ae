using MassTransit;
using MassTransit.Middleware;

namespace Diplomacy.Integrations.Feed;

public static class ConsumerRegistration
{
    public const string QueueName = "integrations-log";
    public const int Partitions = 16;

    /// <summary>
    /// Shared by every contract's consumer: one initiative's messages, whatever their type, are handled one at a time in
    /// the order the queue holds them (the order its publisher's relay sent them), while other initiatives go in parallel.
    /// </summary>
    public static readonly IPartitioner ByInitiative = new Partitioner(Partitions, new Murmur3UnsafeHashGenerator());

    /// <summary>One consumer per contract type, all on one queue, partitioned by initiative.</summary>
    public static void AddIntegrationEventConsumers(this IBusRegistrationConfigurator bus, ContractCatalog catalog)
    {
        foreach (var contract in catalog.ContractTypes)
            bus.AddConsumer(typeof(IntegrationEventConsumer<>).MakeGenericType(contract),
                typeof(IntegrationEventConsumerDefinition<>).MakeGenericType(contract));
    }

    /// <summary>The initiative a message is about: the stream its publisher's relay names, else the message itself.</summary>
    public static Guid InitiativeOf(ConsumeContext context) =>
        context.Headers.TryGetHeader(IntegrationEventConsumer<object>.StreamIdHeader, out var streamId) && Guid.TryParse(streamId?.ToString(), out var stream)
            ? stream
            : context.MessageId ?? Guid.Empty;
}

public sealed class IntegrationEventConsumerDefinition<T> : ConsumerDefinition<IntegrationEventConsumer<T>> where T : class
{
    public IntegrationEventConsumerDefinition()
    {
        EndpointName = ConsumerRegistration.QueueName;
        ConcurrentMessageLimit = ConsumerRegistration.Partitions;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<IntegrationEventConsumer<T>> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.Message<T>(m => m.UsePartitioner(ConsumerRegistration.ByInitiative, c => ConsumerRegistration.InitiativeOf(c)));
}
