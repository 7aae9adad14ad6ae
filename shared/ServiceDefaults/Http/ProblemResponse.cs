using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Writes a problem details answer from middleware, where no endpoint result is at hand, through the same
/// <see cref="IProblemDetailsService"/> as every endpoint so the instance and trace id are added alike.
/// </summary>
public static class ProblemResponse
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string? detail = null)
    {
        // Once the status line is out the answer cannot change; leave it as it is.
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
