namespace Diplomacy.DemoData;

/// <summary>
/// Seoul's policy catalogue and the sharing cases loaded into the Exchanges service. The reference file holds no
/// catalogue, so the policies are the sectors it names ("2012-2016 projects by type: transport 22, urban rail 6,
/// waterworks 5, e-government 5, urban planning 2", policySharing.byMarch2017) and the solutions of its cases;
/// sectors are codes of its codelists.dacPurposeCodes and goals of codelists.sdgGoals. The owning departments are
/// SMG departments as they are commonly named in English; the file does not state them (an illustrative choice).
/// </summary>
public static class ExchangesPlan
{
    public sealed record PolicyPlan(string Title, string Department, string Sector, int[] SdgGoals, string Summary);

    /// <summary>
    /// One sharing case. Every exchange stops at the last step the file supports: a case without participant
    /// counts gets no delivered activity, and none gets an outcome (the file reports none), so no exports lead is
    /// published from demo data (the Exports service loads its own cases).
    /// </summary>
    public sealed record CasePlan(
        string PartnerCity,
        string PartnerCountry,
        string Channel,
        string PolicyTitle,
        string RequestedOn,
        string Modality,
        int Participants,
        string FundingSource,
        decimal Amount,
        string Currency,
        string? ScheduledFrom,
        string? ScheduledTo,
        string Source);

    public static readonly PolicyPlan[] Policies =
    [
        new("TOPIS traffic operations", "City Transportation Office", "21020", [9, 11],
            "Seoul's Transport Operation and Information Service: real-time traffic and bus operations from one centre."),
        new("Transit card system", "City Transportation Office", "21020", [9, 11],
            "An integrated smart-card fare system for buses and the metro, with distance-based transfers."),
        new("Urban rail operation and maintenance", "Urban Infrastructure Headquarters", "21030", [9, 11],
            "How Seoul runs and maintains its metro network."),
        new("Arisu water supply", "Office of Waterworks", "14020", [6, 11],
            "Seoul's tap water, Arisu: intake, purification, supply and water-quality management."),
        new("E-government", "Digital Policy Bureau", "22040", [9, 16],
            "Seoul's e-government services and open administration."),
        new("Urban planning", "Urban Planning Bureau", "43030", [11],
            "Seoul's urban planning and management practice."),
        new("Resource recovery", "Climate and Environment Headquarters", "14050", [11, 13],
            "Waste collection, recycling and resource-recovery facilities."),
    ];

    // exportCases entries that are Seoul-funded sharing (ODA), with a date; the commercial exports (Wellington,
    // Bogota, Baku, Ulaanbaatar, Manila, Jakarta) are the Exports service's, and Bangkok's paid consulting has no date.
    public static readonly CasePlan[] Cases =
    [
        // "the SMG's first ODA project", 2013-2018 in phases, KRW 2.1bn from the SMG ODA budget. The file does not say
        // who asked: Seoul's ODA is Seoul's offer (choice). Modality: the file names intake, purification and supply
        // works; consulting is the closest modality (choice). Participants: not stated; 1 stands for the partner city.
        new("Chanchamayo", "PE", "seoulOffer", "Arisu water supply", "2013", "consulting", 1,
            "SMG ODA budget", 2_100_000_000m, "KRW", "2013", "2018", "exportCases: Chanchamayo (H)"),
        // Seoul ODA Challenge round 1 (2024), up to KRW 300m each from the SMG ODA budget: the ceiling is recorded as
        // the approved amount. The Challenge is Seoul's call, hence seoulOffer.
        // "Transport": TOPIS stands for Seoul's transport policies (choice).
        new("Lima", "PE", "seoulOffer", "TOPIS traffic operations", "2024", "consulting", 1,
            "SMG ODA budget (Seoul ODA Challenge)", 300_000_000m, "KRW", null, null, "exportCases: Lima (H)"),
        new("Phnom Penh", "KH", "seoulOffer", "Urban planning", "2024", "consulting", 1,
            "SMG ODA budget (Seoul ODA Challenge)", 300_000_000m, "KRW", null, null, "exportCases: Phnom Penh (H)"),
        // A pre-feasibility study: consulting.
        new("Colombo", "LK", "seoulOffer", "Resource recovery", "2024", "consulting", 1,
            "SMG ODA budget (Seoul ODA Challenge)", 300_000_000m, "KRW", null, null, "exportCases: Colombo (H)"),
    ];
}
