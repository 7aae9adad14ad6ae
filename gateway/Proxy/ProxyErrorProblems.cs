using Diplomacy.ServiceDefaults.Http;

namespace Diplomacy.Gateway.Proxy;

/// <summary>
/// YARP answers a failed forward with an empty 502 or 504. Before anything of the response has been sent we turn that into
/// RFC 9457 problem details: the service could not be reached (refused, reset, no destination) is 503 with
/// <c>Retry-After</c>, it did not answer within the cluster's <c>ActivityTimeout</c> is 504. Errors YARP blames on the
/// caller (400, 408) are left to the status code pages of ServiceDefaults.
/// </summary>
public static class ProxyErrorProblems
{
    public static async Task WriteOnFailure(HttpContext context, Func<Task> next)
    {
        await next();

        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            return;

        var service = context.GetReverseProxyFeature().Cluster?.Config.ClusterId ?? "upstream";
        var (status, title) = context.Response.StatusCode switch
        {
            StatusCodes.Status504GatewayTimeout => (StatusCodes.Status504GatewayTimeout, $"The {service} service did not answer in time."),
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable =>
                (StatusCodes.Status503ServiceUnavailable, $"The {service} service is not available."),
            _ => (0, ""),
        };
        if (status == 0)
            return;

        context.Response.Clear();
        // The service may be back in a moment (a restart, a rollout): say when to try again, as the services do.
        if (status == StatusCodes.Status503ServiceUnavailable)
            ServerUnavailable.SetRetryAfter(context.Response);
        await ProblemResponse.WriteAsync(context, status, title,
            $"The gateway could not forward the request ({error.Error}). Try again later.");
    }
}
