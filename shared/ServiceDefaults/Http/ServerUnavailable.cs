using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// Tells a server behind the service being down or too slow (PostgreSQL refusing or dropping connections, a socket
/// error, a timeout) from a bug. Marten and the JasperFx daemon wrap Npgsql's exceptions, so the whole chain is searched.
/// </summary>
public static class ServerUnavailable
{
    /// <summary>Seconds a caller is asked to wait before retrying (<c>Retry-After</c>).</summary>
    public const int RetryAfterSeconds = 5;

    private static readonly string RetryAfterText = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Tells the caller when to try again: every 503 of the platform carries it.</summary>
    public static void SetRetryAfter(HttpResponse response) => response.Headers.RetryAfter = RetryAfterText;

    public static bool Is(Exception exception) => Flatten(exception).Any(IsOutage);

    private static bool IsOutage(Exception e) => e switch
    {
        // The server answered: only the conditions that pass (shutting down, starting up, out of connections or
        // resources, connection class 08) are an outage; any other SQL error is a bug and stays a 500.
        PostgresException postgres => postgres.IsTransient,
        // Npgsql's own exceptions are all about the wire: refused, reset, broken, pool exhausted, read timeout.
        NpgsqlException => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var child in inner)
            foreach (var nested in Flatten(child))
                yield return nested;
    }
}
