namespace Diplomacy.ServiceDefaults.Audit;

public enum ChainBreak
{
    DataChanged = 1,
    MetadataChanged,
    TimestampMoved,
    EventMissing,
    EventsReordered,
    EventNotChained,
    ChainAltered,
}

/// <summary>The verdict on one stream: intact, or the first version where the record stops matching its chain.</summary>
public sealed record StreamVerification(Guid StreamId, bool Intact, long Events, long? BrokenAtVersion, ChainBreak? Break, string? Detail);

/// <summary>
/// Recomputes a stream's chain from the events as they are now and compares it with the links recorded
/// at append time. Pure: rows in, verdict out.
/// </summary>
public static class ChainVerifier
{
    public static StreamVerification Verify(Guid streamId, IReadOnlyList<ChainLink> links, IReadOnlyList<ChainedEvent> events)
    {
        var bySequence = events.ToDictionary(e => e.Sequence);
        // A stream of placeholders has the sequence numbers as versions, so gaps are expected, and each links to the
        // placeholder just before it, if there is one. Its events are checked like any other.
        var placeholders = events.Count > 0 && events.All(e => e.IsPlaceholder);
        // DistinctBy: a chain table altered to hold one version twice must get a verdict, not an exception.
        var hashByVersion = placeholders ? links.DistinctBy(l => l.Version).ToDictionary(l => l.Version, l => l.Hash) : [];
        var previous = ChainedEvent.Genesis;
        long expectedVersion = 1;

        foreach (var link in links.OrderBy(l => l.Version))
        {
            if (placeholders) (expectedVersion, previous) = (link.Version, hashByVersion.GetValueOrDefault(link.Version - 1, ChainedEvent.Genesis));
            if (link.Version != expectedVersion)
                return Broken(expectedVersion, ChainBreak.EventMissing, $"No event with version {expectedVersion} was ever recorded after {expectedVersion - 1}.");
            if (link.PreviousHash != previous)
                return Broken(link.Version, ChainBreak.ChainAltered, "The recorded chain does not link to the previous event.");
            if (!bySequence.TryGetValue(link.Sequence, out var stored))
                return Broken(link.Version, ChainBreak.EventMissing, $"The event with version {link.Version} (sequence {link.Sequence}) was removed.");
            if (stored.Version != link.Version)
                return Broken(Math.Min(stored.Version, link.Version), ChainBreak.EventsReordered,
                    $"The event appended as version {link.Version} (sequence {link.Sequence}) now says version {stored.Version}.");
            if (stored.Timestamp != link.Timestamp)
                return Broken(link.Version, ChainBreak.TimestampMoved, $"Appended at {link.Timestamp}, now says {stored.Timestamp}.");
            if (ChainedEvent.Sha256(stored.Content) != link.ContentHash)
                return Broken(link.Version, ChainBreak.DataChanged, "The event's type or data differ from what was appended.");
            if (ChainedEvent.Sha256(stored.Metadata) != link.MetadataHash)
                return Broken(link.Version, ChainBreak.MetadataChanged, "The event's metadata differ from what was appended.");
            if (stored.HashAfter(previous) != link.Hash)
                return Broken(link.Version, ChainBreak.ChainAltered, "The recorded hash does not match the event.");
            previous = link.Hash;
            expectedVersion++;
        }

        var chained = links.Select(l => l.Sequence).ToHashSet();
        if (events.Where(e => !chained.Contains(e.Sequence)).OrderBy(e => e.Version).FirstOrDefault() is { } stray)
            return Broken(stray.Version, ChainBreak.EventNotChained, $"The event with version {stray.Version} (sequence {stray.Sequence}) was never chained when appended.");

        return new StreamVerification(streamId, true, links.Count, null, null, null);

        StreamVerification Broken(long version, ChainBreak kind, string detail) => new(streamId, false, links.Count, version, kind, detail);
    }
}
