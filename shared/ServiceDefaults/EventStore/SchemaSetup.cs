using Diplomacy.ServiceDefaults.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Diplomacy.ServiceDefaults.EventStore;

/// <summary>
/// When the database schema changes. Outside Production a service brings its own schema up to date as it starts.
/// In Production nothing changes the schema at start: an explicit run with <c>--apply-schema</c> (the Kubernetes
/// init container) applies Marten's tables and the hash chain, then exits, so a release's schema change is a
/// deliberate, single step and no replica alters tables under the others.
/// </summary>
public static class SchemaSetup
{
    public const string ApplySchemaArgument = "--apply-schema";

    public static bool AppliesAtStart(IHostEnvironment environment) => !environment.IsProduction();

    /// <summary>Runs the service, or, with <c>--apply-schema</c>, applies its schema and returns.</summary>
    public static async Task RunOrApplySchemaAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains(ApplySchemaArgument, StringComparer.Ordinal))
        {
            await app.RunAsync();
            return;
        }
        await ApplyAsync(app.Services, CancellationToken.None);
        app.Logger.LogInformation("Schema applied to the service's database.");
    }

    /// <summary>Marten's tables, functions and projections' storage, then the audit hash chain on the event table (<see cref="AuditSchema.InstallAsync"/>).</summary>
    public static Task ApplyAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<AuditSchema>().InstallAsync(ct);
}
