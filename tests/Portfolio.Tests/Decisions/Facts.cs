using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.Portfolio.Cities;
using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.Tests.Decisions;

/// <summary>Received changes written by hand, and a ledger of them, for the rules' tests.</summary>
internal static class Given
{
    public static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PartnerTieChanged Tie(string city, string country, string status = "active", string since = "1982", string tie = "sister") =>
        new(Guid.NewGuid(), 3, "agreement_signed", since, city, country, "city", tie, status, since, status == "proposed" ? null : since, null, null, At);

    public static PolicyChanged Policy(string title, string sector = "21020", params int[] sdgs) =>
        new(Guid.NewGuid(), 1, "policy_catalogued", null, title, "Transport", sector, sdgs, At);

    public static ExchangeChanged Exchange(string city, string country, PolicyChanged policy, string requestedOn = "2024-03", string? adoption = null,
        bool intent = false, Guid? networkId = null, int participants = 0) =>
        new(Guid.NewGuid(), 5, "outcome_reported", requestedOn, city, country, networkId is null ? "bilateral" : "cityNetwork", networkId, null,
            [policy.PolicyId], requestedOn, adoption is null ? "delivering" : "outcomeReported", "studyVisit", 12,
            new ExchangeFunding("External Cooperation Fund", 30_000_000, "KRW", requestedOn),
            participants > 0 ? [new ExchangeActivity("visit", requestedOn, participants)] : [],
            adoption is null ? [] : [new ExchangeOutcome(policy.PolicyId, adoption, intent, requestedOn)], null, null, null, At);

    public static ExportProjectChanged Project(string city, string country, Guid? exchangeId = null, Guid? policyId = null, string identifiedOn = "2024",
        string stage = "lead", ExportAmount? contract = null) =>
        new(Guid.NewGuid(), 1, "lead_identified", identifiedOn, "Fare collection", city, country, exchangeId is null ? "partnerRequest" : "policySharing",
            exchangeId, policyId, stage, identifiedOn, null, null, contract, contract is null ? null : identifiedOn, [], [], null, null, null, null, null, At);

    public static PeaceProgramChanged Program(string city, string country, string status = "approved", string? suspendedOn = null,
        params PeaceFundAmount[] funds) =>
        new(Guid.NewGuid(), 4, "program_approved", "2020", $"Program with {city}", "humanitarian", [new PeacePartner(city, country, "city")], "72010", [3],
            status, "2020", "2020", funds, suspendedOn, null, null, At);

    public static MembershipChanged Membership(string acronym, IReadOnlyList<MembershipRoleTerm>? roles = null, IReadOnlyList<MembershipFee>? fees = null) =>
        new(Guid.NewGuid(), 6, "fee_paid", "2024", Guid.NewGuid(), acronym, "active", "2006", "2006", null, roles ?? [], [], fees ?? [], At);

    public static Ledger Ledger(params object[] facts) => new()
    {
        Atlas = CityAtlas.Load(),
        Networks = [.. facts.OfType<NetworkChanged>()],
        Memberships = [.. facts.OfType<MembershipChanged>()],
        Ties = [.. facts.OfType<PartnerTieChanged>()],
        Policies = [.. facts.OfType<PolicyChanged>()],
        Exchanges = [.. facts.OfType<ExchangeChanged>()],
        Programs = [.. facts.OfType<PeaceProgramChanged>()],
        Projects = [.. facts.OfType<ExportProjectChanged>()],
        History = facts,
    };
}
