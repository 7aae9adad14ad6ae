namespace Diplomacy.DemoData;

/// <summary>
/// The reference data mapped onto the Membership API, all of it before the first call: a file the loader cannot
/// map (an unknown role, a bad date) fails the run before anything is loaded, not halfway through.
/// </summary>
public sealed record MembershipPlan(IReadOnlyList<NetworkPlan> Networks, IReadOnlyList<TiePlan> Ties)
{
    public static MembershipPlan From(ReferenceData data) =>
        new([.. data.Networks.Select(NetworkPlan.From)], [.. data.PartnerCities.Select(TiePlan.From)]);
}

public sealed record RolePlan(RoleEntry Entry, Role Role, DemoDate From, DemoDate? To);

public sealed record HostingPlan(HostingEntry Entry, HostingKind Kind, DemoDate When);

/// <summary>A network to register and Seoul's membership of it, applied and accepted on <paramref name="Joined"/>.</summary>
/// <param name="JoinedInferredFrom">What <paramref name="Joined"/> was taken from when the file does not say when Seoul joined.</param>
public sealed record NetworkPlan(
    NetworkEntry Entry,
    NetworkFacts Facts,
    DemoDate Joined,
    string? JoinedInferredFrom,
    IReadOnlyList<RolePlan> Roles,
    IReadOnlyList<HostingPlan> Hostings)
{
    public string Acronym => Entry.Acronym;

    /// <summary>The name it is registered under: its founding name when it was renamed since (WeGO).</summary>
    public string RegisteredName => Facts.RegisteredName ?? Entry.Name;

    public static NetworkPlan From(NetworkEntry entry)
    {
        var facts = MembershipMapping.Networks.GetValueOrDefault(entry.Acronym)
            ?? throw new InvalidDataException($"No headquarters and themes known for the network '{entry.Acronym}': add it to MembershipMapping.Networks.");
        if (facts.RenamedOn is not null) DemoDate.Parse(facts.RenamedOn, $"{entry.Acronym} renamed on");

        var roles = (entry.Roles ?? []).Select(role => new RolePlan(
            role,
            MembershipMapping.RoleFor(role.Role),
            DemoDate.Parse(role.From, $"{entry.Acronym} role '{role.Role}' from"),
            role.To is null ? null : DemoDate.Parse(role.To, $"{entry.Acronym} role '{role.Role}' to"))).ToList();
        var hostings = (entry.Hosting ?? []).Select(hosting => new HostingPlan(
            hosting,
            MembershipMapping.HostingKindFor(hosting.What),
            DemoDate.Parse(hosting.When, $"{entry.Acronym} hosting '{hosting.What}'"))).ToList();

        // Applied and accepted on the day Seoul joined: the file knows only that one date.
        // When it does not know even that (CityNet, ICLEI: seoulJoined is null), the earliest role or hosting
        // is the one date by which Seoul certainly was a member, so it stands for both, at the precision the
        // source gives. It is a latest bound, not the real date, and the run says so. With neither, nothing is
        // invented: the run fails.
        if (entry.SeoulJoined is { } joined)
            return new(entry, facts, DemoDate.Parse(joined, $"{entry.Acronym} seoulJoined"), null, roles, hostings);
        var evidence = roles.Select(role => (Date: role.From, What: $"role '{role.Entry.Role}'"))
            .Concat(hostings.Select(hosting => (Date: hosting.When, What: $"hosting '{hosting.Entry.What}'")))
            .OrderBy(item => item.Date)
            .FirstOrDefault();
        if (evidence.Date is null)
            throw new InvalidDataException($"{entry.Acronym}: seoulJoined is null and there is no role or hosting to date the membership by.");
        return new(entry, facts, evidence.Date, evidence.What, roles, hostings);
    }
}

/// <summary>
/// A partner city tie. The file gives one date per tie, when it began ("since"). The proposal and the council's
/// approval came before it on dates nobody recorded, so "since" stands for them too: it is the latest they can
/// have been, and the API accepts equal dates.
/// </summary>
public sealed record TiePlan(PartnerCityEntry Entry, Jurisdiction Jurisdiction, TieType Tie, DemoDate Since, DemoDate? TerminatedOn)
{
    public string Label => $"{Entry.City} ({Entry.Country})";

    public static TiePlan From(PartnerCityEntry entry) => new(
        entry,
        MembershipMapping.JurisdictionFor(entry),
        MembershipMapping.TieFor(entry),
        DemoDate.Parse(entry.Since, $"{entry.City} since"),
        entry.TerminatedOn is null ? null : DemoDate.Parse(entry.TerminatedOn, $"{entry.City} terminatedOn"));
}
