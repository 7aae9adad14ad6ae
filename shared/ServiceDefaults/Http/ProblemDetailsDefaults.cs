using System.Text.Json;
using System.Text.RegularExpressions;
using Diplomacy.ServiceDefaults.Domain;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Turns what escapes an endpoint into RFC 9457 problem details: unreadable input is 400 naming the field,
/// a rule the state forbids is 409, a stale version is 412, PostgreSQL (or another server behind the service) down or
/// timing out is 503 with <c>Retry-After</c>, anything else is a 500 without internals.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => Invalid(FieldErrorsOf(json)),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request could not be read." : "The request was refused.",
                Detail = bad.Message,
            },
            RuleViolation rule => Rejected(rule.Message),
            _ when ConcurrencyConflict.Is(exception) => Stale(),
            _ when ServerUnavailable.Is(exception) => Unavailable(http),
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        };
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            logger.LogWarning("A server behind {Path} is unavailable: {Reason}", http.Request.Path, exception.GetBaseException().Message);
        else if (problem.Status >= 500) logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);

        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>503 with Retry-After: the database (or another server the service needs) is down or did not answer in time.</summary>
    public static ProblemDetails Unavailable(HttpContext http)
    {
        ServerUnavailable.SetRetryAfter(http.Response);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The service cannot reach its database right now.",
            Detail = $"Try again in {ServerUnavailable.RetryAfterSeconds} seconds; /health/ready says when it is back.",
        };
    }

    /// <summary>409: the current state does not allow the command.</summary>
    public static ProblemDetails Rejected(string reason) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "The current state does not allow this command.",
        Detail = reason,
    };

    /// <summary>412: If-Match named a version that is no longer the current one.</summary>
    public static ProblemDetails Stale() => new()
    {
        Status = StatusCodes.Status412PreconditionFailed,
        Title = "The resource changed since the version you named.",
        Detail = "Read it again and retry with its current ETag in If-Match.",
    };

    public static HttpValidationProblemDetails Invalid(IEnumerable<FieldError> errors) =>
        new(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        };

    /// <summary>Names the field a JSON error is about: "$.fee.amount" becomes "fee.amount"; the whole body is "body".</summary>
    public static IEnumerable<FieldError> FieldErrorsOf(JsonException json)
    {
        var missing = MissingProperties().Match(json.Message);
        if (missing.Success)
        {
            // System.Text.Json reports every missing required property in one message; name each of them.
            foreach (Match name in QuotedName().Matches(missing.Groups[1].Value))
                yield return new FieldError(FieldName(json.Path, name.Groups[1].Value), "Is required.");
            yield break;
        }
        var path = FieldName(json.Path, null);
        var message = json.InnerException is null && json.Message.StartsWith("Must", StringComparison.Ordinal)
            ? json.Message
            : path == "body" ? "Is not a valid JSON object." : "Has the wrong type or format.";
        // System.Text.Json's own messages name CLR types; ours are written for API callers.
        if (json.Message.Contains("could not be converted", StringComparison.Ordinal) && json.InnerException is JsonException inner
            && inner.Message.StartsWith("Must", StringComparison.Ordinal))
            message = inner.Message;
        yield return new FieldError(path, message);
    }

    private static string FieldName(string? path, string? child)
    {
        var trimmed = (path ?? "$").TrimStart('$').TrimStart('.');
        if (child is not null) trimmed = trimmed.Length == 0 ? child : $"{trimmed}.{child}";
        return trimmed.Length == 0 ? "body" : trimmed;
    }

    [GeneratedRegex(@"missing required properties[^:]*:\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"'([^']+)'")]
    private static partial Regex QuotedName();
}
