using MassTransit;

namespace Diplomacy.Integrations.Feed;

public static class ConsumerRegistration
{
    public const string QueueName = "integrations-log";

    /// <summary>
    /// One consumer per contract type, all on one queue, up to <see cref="LogWriter.MaxBatch"/> messages in flight:
    /// <see cref="LogWriter"/> puts them back in delivery order, so the log keeps the order in which each publisher's relay
    /// sent them, and so each initiative's order. (Partitioning by initiative raced: two messages of one initiative could
    /// reach the partitioner in either order.)
    /// </summary>
    public static void AddIntegrationEventConsumers(this IBusRegistrationConfigurator bus, ContractCatalog catalog)
    {
        foreach (var contract in catalog.ContractTypes)
            bus.AddConsumer(typeof(IntegrationEventConsumer<>).MakeGenericType(contract))
                .Endpoint(e =>
                {
                    e.Name = QueueName;
                    e.ConcurrentMessageLimit = LogWriter.MaxBatch;
                });
    }

    /// <summary>The initiative a message is about: the stream its publisher's relay names, else the message itself.</summary>
    public static Guid InitiativeOf(ConsumeContext context) =>
        context.Headers.TryGetHeader(IntegrationEventConsumer<object>.StreamIdHeader, out var streamId) && Guid.TryParse(streamId?.ToString(), out var stream)
            ? stream
            : context.MessageId ?? Guid.Empty;
}
