using Diplomacy.ServiceDefaults.EventStore;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>A host with a service's event store, as <c>AddEventStore</c> wires it, on a test database.</summary>
internal static class EventStoreHost
{
    /// <summary>Built, not started: starting it applies the schema and runs the async daemon.</summary>
    public static IHost Build(string postgres)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration["ConnectionStrings:Postgres"] = postgres;
        builder.AddEventStore(_ => { });
        return builder.Build();
    }
}
