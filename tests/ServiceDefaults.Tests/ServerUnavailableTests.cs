using System.Net.Sockets;
using Diplomacy.ServiceDefaults.Http;
using Marten.Exceptions;
using Npgsql;

namespace Diplomacy.ServiceDefaults.Tests;

/// <summary>Which failures are the database being unavailable (503 with Retry-After) and which are bugs (500).</summary>
public sealed class ServerUnavailableTests
{
    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "pool exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()), true },
        { "shutting down (57P01)", Postgres(PostgresErrorCodes.AdminShutdown), true },
        { "starting up (57P03)", Postgres(PostgresErrorCodes.CannotConnectNow), true },
        { "too many connections (53300)", Postgres(PostgresErrorCodes.TooManyConnections), true },
        { "wrapped by Marten", new MartenCommandException(null, new NpgsqlException("Exception while reading from stream", new IOException())), true },
        { "inside an aggregate", new AggregateException(new InvalidOperationException("other"), new NpgsqlException("broken")), true },
        { "a bare socket error", new SocketException((int)SocketError.ConnectionReset), true },
        { "unique violation (23505), a bug", Postgres(PostgresErrorCodes.UniqueViolation), false },
        { "syntax error (42601), a bug", new MartenCommandException(null, Postgres(PostgresErrorCodes.SyntaxError)), false },
        { "anything else", new InvalidOperationException("Sequence contains no elements"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tells_an_outage_from_a_bug(string what, Exception exception, bool unavailable) =>
        Assert.True(ServerUnavailable.Is(exception) == unavailable, $"{what}: expected {(unavailable ? "503" : "500")}");
}
