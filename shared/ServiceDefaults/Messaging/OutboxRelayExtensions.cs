using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Messaging;

public static class OutboxRelayExtensions
{
    /// <summary>Publishes the service's integration events from its event store, mapped by <typeparamref name="TMapper"/>.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddOutboxRelay<TMapper>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
        where TMapper : class, IIntegrationEventMapper
    {
        marten.Services.AddSingleton<IIntegrationEventMapper, TMapper>();
        marten.Services.AddHostedService<RelayLagMonitor>();
        return marten.AddSubscriptionWithServices<OutboxRelay>(ServiceLifetime.Singleton);
    }
}
