using System.Security.Cryptography;
using System.Text;

namespace Diplomacy.ServiceDefaults.Audit;

/// <summary>
/// One stored event as the auditor sees it: every field as the exact text that was hashed.
/// <c>hash = sha256_hex(previousHash ⏎ streamId ⏎ version ⏎ timestamp ⏎ type ⏎ data ⏎ correlationId ⏎ causationId ⏎ userName ⏎ headers)</c>,
/// with ⏎ a line feed and absent values as empty text (see the README).
/// </summary>
public sealed record ChainedEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string Type,
    string Timestamp,
    string Data,
    string? CorrelationId,
    string? CausationId,
    string? UserName,
    string? Headers)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public string Content => $"{Type}\n{Data}";
    public string Metadata => $"{CorrelationId}\n{CausationId}\n{UserName}\n{Headers}";

    public string HashAfter(string previousHash) =>
        Sha256($"{previousHash}\n{StreamId}\n{Version}\n{Timestamp}\n{Content}\n{Metadata}");

    /// <summary>
    /// The canonical text of a stored timestamp, exactly as <see cref="AuditSchema.TimestampSql"/> makes it: UTC,
    /// microseconds; PostgreSQL's infinities, which Npgsql reads as the extreme DateTimes, by their names.
    /// </summary>
    public static string FormatTimestamp(DateTime utc) =>
        utc == DateTime.MinValue ? "-infinity"
        : utc == DateTime.MaxValue ? "infinity"
        : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The store's placeholder for a sequence number that a failed append had taken: Marten writes one per such number,
    /// in a stream of its own (a new one per process) with the sequence number as version.
    /// </summary>
    public bool IsPlaceholder => Type == JasperFx.Events.Tombstone.Name;

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>What the chain recorded for one event at the moment it was appended.</summary>
public sealed record ChainLink(long Sequence, long Version, string PreviousHash, string Hash, string ContentHash, string MetadataHash, string Timestamp);
