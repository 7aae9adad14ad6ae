using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Domain;
using Diplomacy.ServiceDefaults.EventStore;
using Marten;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Diplomacy.ServiceDefaults.Http;

/// <summary>
/// A create or command sent with <c>Idempotency-Key</c> (the IETF httpapi draft): sent again by the same caller with the
/// same key, it is applied once and answered as it was the first time. The key and a fingerprint of the request ride on
/// the events the request appends (event headers), so they commit with them: there is no second record to disagree with
/// the stream, and no extra statement unless a key is sent.
/// </summary>
public sealed record IdempotentRequest(string Key, string Caller, string Fingerprint)
{
    public const string Header = "Idempotency-Key";
    /// <summary>On an answer given again for a key already used: <c>Idempotent-Replayed: true</c>.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const string KeyEventHeader = "idempotency-key";
    public const string FingerprintEventHeader = "request-fingerprint";
    public const int MaxLength = 255;

    public static readonly FieldError Malformed =
        new(Header, $"Must be 1 to {MaxLength} printable ASCII characters, such as a UUID, quoted or not.");

    /// <summary>
    /// The request's key, null when it sends none; false when the header is malformed (several values, empty, too long,
    /// or not printable ASCII). <paramref name="command"/> is the bound body, fingerprinted with the method and path.
    /// </summary>
    public static bool TryRead(HttpContext http, object command, out IdempotentRequest? request)
    {
        request = null;
        var values = http.Request.Headers[Header];
        if (values.Count == 0) return true;
        if (values.Count > 1 || KeyOf(values[0]) is not { } key) return false;
        request = new(key, EventMetadata.CallerOf(http.User), FingerprintOf(http.Request, command));
        return true;
    }

    /// <summary>False when the request sends a malformed key; true when it sends none or a good one.</summary>
    public static bool IsWellFormed(HttpRequest request)
    {
        var values = request.Headers[Header];
        return values.Count == 0 || values.Count == 1 && KeyOf(values[0]) is not null;
    }

    /// <summary>
    /// The id of the stream a create starts: derived from the caller and the key when one is sent, so a create sent
    /// again collides with the stream it started, else a new one.
    /// </summary>
    public static Guid NewStreamId<TState>(HttpContext http) =>
        http.Request.Headers[Header] is [{ } value] && KeyOf(value) is { } key
            ? DeterministicGuid.Create($"idempotency:{typeof(TState).Name}", $"{EventMetadata.CallerOf(http.User)}\n{key}")
            : Guid.CreateVersion7();

    /// <summary>Stamps the key and the fingerprint on every event the session appends.</summary>
    public void Stamp(IDocumentSession session)
    {
        session.SetHeader(KeyEventHeader, Key);
        session.SetHeader(FingerprintEventHeader, Fingerprint);
    }

    /// <summary>The version this caller's earlier request with this key left the stream at, and its fingerprint.</summary>
    public async Task<(long Version, string? Fingerprint)?> FindAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // Within one stream (its primary key's first column), so it reads that stream's rows only.
        await using var command = new NpgsqlCommand(
            $"""
            select version, headers ->> '{FingerprintEventHeader}' from {schema}.mt_events
             where stream_id = $1 and user_name = $2 and headers ->> '{KeyEventHeader}' = $3
             order by version desc limit 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = Caller });
        command.Parameters.Add(new NpgsqlParameter { Value = Key });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    /// <summary>422, as the draft says: the key was used before for a different request.</summary>
    public static IResult Reused() => Results.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "This Idempotency-Key was already used for a different request.",
        detail: "Send a new key for a new request; send the same key only with the same request again.");

    /// <summary>A structured-field string ("...") or a bare token: 1 to 255 printable ASCII characters.</summary>
    private static string? KeyOf(string? value)
    {
        var key = value?.Trim();
        if (key is { Length: >= 2 } && key[0] == '"' && key[^1] == '"') key = key[1..^1];
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxLength) return null;
        foreach (var c in key)
            if (c is < ' ' or > '~') return null;
        return key;
    }

    private static string FingerprintOf(HttpRequest request, object command)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        sha.AppendData(JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), JsonDefaults.Api));
        return Convert.ToBase64String(sha.GetHashAndReset());
    }
}
