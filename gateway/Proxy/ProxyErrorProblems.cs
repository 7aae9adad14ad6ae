using Microsoft.AspNetCore.Mvc;

namespace Diplomacy.Gateway.Proxy;

/// <summary>
/// YARP answers a failed forward with an empty 502 or 504. Before anything of the response has been sent we turn that into
/// RFC 9457 problem details: the service could not be reached (refused, reset, no destination) is 503, it did not answer
/// within the cluster's <c>ActivityTimeout</c> is 504. Errors YARP blames on the caller (400, 408) are left to the status
/// code pages of ServiceDefaults.
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
        ProblemDetails? problem = context.Response.StatusCode switch
        {
            StatusCodes.Status504GatewayTimeout => new()
            {
                Status = StatusCodes.Status504GatewayTimeout,
                Title = $"The {service} service did not answer in time.",
            },
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => new()
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = $"The {service} service is not available.",
            },
            _ => null,
        };
        if (problem is null)
            return;

        problem.Detail = $"The gateway could not forward the request ({error.Error}). Try again later.";
        context.Response.Clear();
        context.Response.StatusCode = problem.Status!.Value;
        await TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
