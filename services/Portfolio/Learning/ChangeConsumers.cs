using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Diplomacy.Portfolio.Learning;

/// <summary>
/// Appends a received change to the stream of its initiative. Redelivery is skipped on the message id; a change that
/// arrives late (an older version after a newer one) is kept too, and the views order the changes by the source's
/// version, so neither changes what they show.
/// </summary>
public abstract class ChangeConsumer<TMessage>(IDocumentStore store, string collection, Func<TMessage, Guid> sourceId)
    : IdempotentConsumer<TMessage>(store) where TMessage : class
{
    protected override Task Handle(TMessage message, IDocumentSession session, ConsumeContext context)
    {
        session.Events.Append(Received.StreamOf(collection, sourceId(message)), message);
        return Task.CompletedTask;
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
    public static void AddChangeConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<NetworkChangedConsumer>();
        bus.AddConsumer<MembershipChangedConsumer>();
        bus.AddConsumer<PartnerTieChangedConsumer>();
        bus.AddConsumer<PolicyChangedConsumer>();
        bus.AddConsumer<ExchangeChangedConsumer>();
        bus.AddConsumer<PeaceProgramChangedConsumer>();
        bus.AddConsumer<ExportProjectChangedConsumer>();
    }
}
