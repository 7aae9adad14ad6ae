using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Diplomacy.Portfolio.Learning;

/// <summary>
/// Appends received changes to the streams of their initiatives, a batch of messages in one transaction (one commit and
/// one de-duplication read, where one message each cost both). Redelivery is skipped on the message id; a change that
/// arrives late (an older version after a newer one, as batches may) is kept too, and the views order the changes by the
/// source's version, so neither changes what they show.
/// </summary>
public abstract class ChangeConsumer<TMessage>(IDocumentStore store, string collection, Func<TMessage, Guid> sourceId)
    : IConsumer<Batch<TMessage>> where TMessage : class
{
    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        await using var session = store.LightweightSession();
        await HandledMessages.AppendOnceAsync(session, [.. context.Message.Select(message => new ConsumedEvent(
            HandledMessage.IdOf(GetType(), message.MessageId),
            Received.StreamOf(collection, sourceId(message.Message)),
            message.Message,
            EventMetadata.Consumed.Of(message, typeof(TMessage), consumeSpan: null)))], context.CancellationToken);
        await session.SaveChangesAsync(context.CancellationToken);
    }
}

public sealed class NetworkChangedConsumer(IDocumentStore store) : ChangeConsumer<NetworkChanged>(store, Collections.Networks, m => m.NetworkId);
public sealed class MembershipChangedConsumer(IDocumentStore store) : ChangeConsumer<MembershipChanged>(store, Collections.Memberships, m => m.MembershipId);
public sealed class PartnerTieChangedConsumer(IDocumentStore store) : ChangeConsumer<PartnerTieChanged>(store, Collections.PartnerCities, m => m.PartnerCityId);
public sealed class PolicyChangedConsumer(IDocumentStore store) : ChangeConsumer<PolicyChanged>(store, Collections.Policies, m => m.PolicyId);
public sealed class ExchangeChangedConsumer(IDocumentStore store) : ChangeConsumer<ExchangeChanged>(store, Collections.Exchanges, m => m.ExchangeId);
public sealed class PeaceProgramChangedConsumer(IDocumentStore store) : ChangeConsumer<PeaceProgramChanged>(store, Collections.Programs, m => m.ProgramId);
public sealed class ExportProjectChangedConsumer(IDocumentStore store) : ChangeConsumer<ExportProjectChanged>(store, Collections.Projects, m => m.ProjectId);

/// <summary>The collections of the other services, as their routes spell them, so evidence links open the initiative there.</summary>
public static class Collections
{
    public const string Networks = "networks", Memberships = "memberships", PartnerCities = "partner-cities", Policies = "policies",
        Exchanges = "exchanges", Programs = "programs", Projects = "projects";

    public static string ServiceOf(string collection) => collection switch
    {
        Networks or Memberships or PartnerCities => "membership",
        Policies or Exchanges => "exchanges",
        Programs => "peace",
        _ => "exports",
    };
}

public static class ChangeConsumerRegistration
{
    /// <summary>
    /// At most this many changes in one transaction, a lone change waiting a little for company (<see cref="ConsumerBatches"/>).
    /// </summary>
    public const int BatchSize = ConsumerBatches.MaxSize;

    public static void AddChangeConsumers(this IBusRegistrationConfigurator bus)
    {
        Add<NetworkChangedConsumer>(bus);
        Add<MembershipChangedConsumer>(bus);
        Add<PartnerTieChangedConsumer>(bus);
        Add<PolicyChangedConsumer>(bus);
        Add<ExchangeChangedConsumer>(bus);
        Add<PeaceProgramChangedConsumer>(bus);
        Add<ExportProjectChangedConsumer>(bus);
    }

    private static void Add<TConsumer>(IBusRegistrationConfigurator bus) where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>(consumer => consumer.Options<BatchOptions>(batch => batch.SetMessageLimit(BatchSize).SetTimeLimit(ConsumerBatches.Wait)));
}
