using Diplomacy.ServiceDefaults.EventStore;
using Marten;

namespace Diplomacy.Integrations.Webhooks;

/// <summary>Who and why for what the dispatcher appends on its own (deactivating a subscription whose deliveries kept failing).</summary>
public static class WebhookMetadata
{
    public const string Dispatcher = "webhook-dispatcher";

    public static void StampDispatcher(IDocumentSession session)
    {
        session.LastModifiedBy = Dispatcher;
        session.SetHeader(EventMetadata.DepartmentHeader, "none");
        session.SetHeader(EventMetadata.ClientHeader, "integrations");
        session.SetHeader(EventMetadata.CommandHeader, "GiveUpDeliveries");
        session.CausationId = Dispatcher;
        session.CorrelationId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
    }
}
