namespace Diplomacy.DemoData;

// The Membership API's enums (services/Membership/**), sent as camelCase strings.
public enum Role { President, CoPresident, VicePresident, ExecutiveCommittee, Board, SteeringCommittee, SecretariatHost }
public enum HostingKind { Congress, Summit, GeneralAssembly, Secretariat, RegionalOffice }
public enum Jurisdiction { City, State, Province, Prefecture }
public enum TieType { Sister, Friendship }

/// <summary>What a network is registered with beyond the reference data, and how its rename history is replayed.</summary>
/// <param name="RegisteredName">The name to register under when it is not the file's current name.</param>
/// <param name="RenamedTo">The current name, taken on <paramref name="RenamedOn"/>, when the network was renamed.</param>
public sealed record NetworkFacts(
    string HeadquartersCity,
    string HeadquartersCountry,
    string[] Themes,
    string? RegisteredName = null,
    string? RenamedTo = null,
    string? RenamedOn = null);

/// <summary>How the free text of the reference data maps onto the Membership API.</summary>
public static class MembershipMapping
{
    /// <summary>
    /// Headquarters and themes are not in the reference file but are required to register a network, so they come
    /// from this small table of well-known facts (each network's own site). The API keeps one headquarters per
    /// network, the current one: CityNet's secretariat moved from Yokohama to Seoul in 2013 (the move itself is
    /// loaded as Seoul's secretariat hosting). A network missing here fails the run instead of getting a guess.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, NetworkFacts> Networks = new Dictionary<string, NetworkFacts>(StringComparer.Ordinal)
    {
        ["Metropolis"] = new("Barcelona", "ES", ["urban governance", "metropolitan management"]),
        ["CityNet"] = new("Seoul", "KR", ["urban governance", "sustainability"]),           // secretariat in Seoul since 2013
        // The file's name is "World Smart Sustainable Cities Organization (World e-Governments Organization until
        // 2017)": registered under the founding name, then renamed, so the rename is a real event in the stream.
        ["WeGO"] = new("Seoul", "KR", ["e-government", "smart cities", "sustainability"],
            RegisteredName: "World e-Governments Organization of Cities and Local Governments",
            RenamedTo: "World Smart Sustainable Cities Organization",
            RenamedOn: "2017"),
        ["C40"] = new("London", "GB", ["climate"]),
        ["ICLEI"] = new("Bonn", "DE", ["sustainability", "climate"]),
        ["UCLG-ASPAC"] = new("Jakarta", "ID", ["urban governance", "local government"]),
        ["GSEF"] = new("Seoul", "KR", ["social economy"]),
    };

    /// <summary>
    /// The role enum value for a free-text role; the text itself is kept as the role's note. Rules are tried in
    /// order, the most specific office first; a text no rule knows fails the run rather than being guessed.
    /// </summary>
    public static Role RoleFor(string text)
    {
        var t = text.ToLowerInvariant();
        if (t.Contains("co-president", StringComparison.Ordinal)) return Role.CoPresident;
        // "Board member and Asia-Pacific regional vice-president" (Metropolis): one office, recorded once, as the
        // more specific one; Metropolis' regional vice-presidents sit on its board by virtue of it, and the note
        // keeps "Board member".
        if (t.Contains("vice-president", StringComparison.Ordinal) || t.Contains("vice president", StringComparison.Ordinal))
            return Role.VicePresident;
        // "Steering Committee vice chair (...)" (C40): a seat on the steering committee.
        if (t.Contains("steering committee", StringComparison.Ordinal)) return Role.SteeringCommittee;
        if (t.Contains("executive committee", StringComparison.Ordinal)) return Role.ExecutiveCommittee;
        // "President", "Founding member and President city" (WeGO); "Founder" (GSEF: Seoul founded it and has
        // presided over it since).
        if (t.Contains("president", StringComparison.Ordinal) || t.StartsWith("founder", StringComparison.Ordinal)) return Role.President;
        // "Council member" (UCLG-ASPAC): a seat on the governing council.
        if (t.Contains("board", StringComparison.Ordinal) || t.Contains("council member", StringComparison.Ordinal)) return Role.Board;
        // "Chair of the World Mayors Council on Climate Change (mayor)" (ICLEI): the Mayor of Seoul chaired a
        // council of mayors allied with ICLEI. "president" would claim the presidency of ICLEI itself, which
        // Seoul never held; "board" (a seat at the head of a governing body) claims the least, and the note
        // keeps the exact office.
        if (t.StartsWith("chair of", StringComparison.Ordinal)) return Role.Board;
        throw new InvalidDataException($"No Membership role fits the role '{text}': add a rule to MembershipMapping.RoleFor.");
    }

    /// <summary>The hosting kind for what Seoul hosted; the text itself is the hosting's title.</summary>
    public static HostingKind HostingKindFor(string what)
    {
        var t = what.ToLowerInvariant();
        if (t.Contains("general assembly", StringComparison.Ordinal)) return HostingKind.GeneralAssembly;
        if (t.Contains("congress", StringComparison.Ordinal)) return HostingKind.Congress;
        if (t.Contains("summit", StringComparison.Ordinal)) return HostingKind.Summit;
        // The network's own secretariat: "Secretariat", "Secretariat (moved from Yokohama)".
        if (t.StartsWith("secretariat", StringComparison.Ordinal)) return HostingKind.Secretariat;
        // An office of part of the network: "East Asia Secretariat" (ICLEI's regional secretariat), "Metropolis
        // International Training Institute HQ at SHRDC" (the headquarters of its training arm, not of Metropolis).
        if (t.Contains("secretariat", StringComparison.Ordinal) || t.Contains("regional office", StringComparison.Ordinal)
            || t.Contains(" hq", StringComparison.Ordinal) || t.Contains("headquarters", StringComparison.Ordinal))
            return HostingKind.RegionalOffice;
        throw new InvalidDataException($"No hosting kind fits '{what}': add a rule to MembershipMapping.HostingKindFor.");
    }

    /// <summary>
    /// The partner's jurisdiction: the file's own <c>jurisdiction</c> when it gives one (New South Wales: state,
    /// Hokkaido: prefecture), else "city" but for the exceptions below. Capitals with province-level status
    /// (Tokyo-to, Beijing, Moscow, Mexico City, Jakarta, ...) stay "city", as the file has them: the tie is with
    /// the capital as a city, and "prefecture"/"province" are kept for regions that are not one city.
    /// </summary>
    public static Jurisdiction JurisdictionFor(PartnerCityEntry entry)
    {
        if (entry.Jurisdiction is { } given)
            return Enum.TryParse<Jurisdiction>(given, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidDataException($"{entry.City}: unknown jurisdiction '{given}'.");
        // Guam (GU) is a whole island territory of the United States with one territorial government, not a
        // city; of city/state/province/prefecture, the state-level unit is the closest.
        if (entry is { City: "Guam", Country: "GU" }) return Jurisdiction.State;
        return Jurisdiction.City;
    }

    public static TieType TieFor(PartnerCityEntry entry) =>
        Enum.TryParse<TieType>(entry.Tie, ignoreCase: true, out var tie) && Enum.IsDefined(tie)
            ? tie
            : throw new InvalidDataException($"{entry.City}: unknown tie '{entry.Tie}' (sister or friendship).");
}
