using Diplomacy.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Diplomacy.ServiceDefaults.Security;

/// <summary>
/// The identity provider's signing keys, without which no token can be checked. The JWT handler fetches them once and
/// keeps them, so a provider that goes down later changes nothing; but a process that starts while it is down has none.
/// A token it then refuses is not known to be bad: the caller gets 503 with <c>Retry-After</c>, not a 401 that would tell
/// it to throw its token away, and <c>/health/ready</c> says so.
/// </summary>
public static class ProviderKeys
{
    public const string HealthCheckName = "identity-provider";

    /// <summary>
    /// Whether the keys are at hand, fetching them when none were fetched yet. True without a provider (development keys).
    /// </summary>
    public static async Task<bool> ObtainableAsync(IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(JwtBearerDefaults.AuthenticationScheme);
        if (options.ConfigurationManager is not { } keys) return true;
        try
        {
            await keys.GetConfigurationAsync(ct);
            return true;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The manager wraps whatever the fetch met (refused, timed out, not a metadata document) in one exception.
            return false;
        }
    }

    /// <summary>The 503 for a request whose token could not be checked.</summary>
    public static Task WriteUnavailableAsync(HttpContext http)
    {
        ServerUnavailable.SetRetryAfter(http.Response);
        return ProblemResponse.WriteAsync(http, StatusCodes.Status503ServiceUnavailable,
            "The identity provider cannot be reached.",
            "Your token cannot be checked until the identity provider answers again. " +
            "Send the request again later, with the same token.");
    }

    /// <summary><c>/health/ready</c>: unhealthy while no signing keys could be fetched.</summary>
    public sealed class HealthCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(
            HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await ObtainableAsync(services, cancellationToken)
                ? HealthCheckResult.Healthy("The identity provider's signing keys are at hand.")
                : HealthCheckResult.Unhealthy(
                    "The identity provider's signing keys cannot be fetched: no token can be checked.");
    }
}
