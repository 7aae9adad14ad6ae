using System.Xml.Linq;
using Diplomacy.Contracts.PeaceBuilding;
using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.OpenData;

/// <summary>
/// IATI 2.03 activities for the development-cooperation initiatives: exchanges with approved funding (Seoul funds them
/// from its External Cooperation Fund, its ODA account), approved peace programs, and export projects with financing
/// from an ODA source (SMG ODA, KOICA, EDCF). Partial dates become full dates by their first day: "2014" is 2014-01-01,
/// "2014-05" is 2014-05-01. Amounts stay in their currencies, one transaction per currency.
/// </summary>
public static class IatiActivities
{
    public const string ReportingOrg = "KR-GOV-SMG";
    private static readonly string[] OdaSources = ["smgOda", "koica", "edcf"];

    public static XDocument Write(Ledger l, DateTimeOffset now)
    {
        var activities = new List<XElement>();
        foreach (var x in l.Exchanges.Where(x => x.Funding is not null))
            activities.Add(Activity($"exchanges-{x.ExchangeId}", $"Policy sharing with {x.PartnerCity}", $"Seoul shares {x.PolicyIds.Count} policies with {x.PartnerCity} ({x.Channel}).",
                [Org("1", "Seoul Metropolitan Government", ReportingOrg), Org("4", x.PartnerCity, null)],
                x.Status switch { "closed" or "evaluated" => "4", "cancelled" => "5", "suspended" => "6", "requested" or "scoped" or "funded" => "1", _ => "2" },
                [Date("1", x.RequestedOn), .. x.Activities.Take(1).Select(a => Date("2", a.DeliveredOn)), .. Optional("4", x.ClosedOn)],
                x.PartnerCountry, l.SectorsOf(x), l.SdgsOf(x),
                [Transaction("2", x.Funding!.ApprovedOn, x.Funding.Currency, x.Funding.Amount)], now));

        foreach (var p in l.Programs.Where(p => p.ApprovedOn is not null))
            activities.Add(Activity($"peace-{p.ProgramId}", p.Title, $"Peace-building program ({p.Area}).",
                [Org("1", "Seoul Metropolitan Government", ReportingOrg), .. p.Partners.Select(x => Org("4", x.Name, null))],
                p.Status switch { "completed" => "4", "cancelled" => "5", "suspended" => "6", _ => "2" },
                [Date("2", p.ApprovedOn!), .. Optional("4", p.CompletedOn ?? p.CancelledOn)],
                p.Partners.FirstOrDefault()?.Country, p.DacPurposeCode is null ? [] : [p.DacPurposeCode], p.SdgGoals,
                [.. Money.PerCurrency(p.Funds.Select(f => (f.Currency, f.Allocated))).Select(a => Transaction("2", p.ApprovedOn!, a.Currency, a.Amount)),
                 .. Money.PerCurrency(p.Funds.Select(f => (f.Currency, f.Spent))).Where(a => a.Amount > 0)
                     .Select(a => Transaction("3", p.CompletedOn ?? p.ApprovedOn!, a.Currency, a.Amount))], now));

        foreach (var e in l.Projects.Where(e => e.Financing.Any(f => OdaSources.Contains(f.Source))))
        {
            var policy = l.PolicyOf(e);
            activities.Add(Activity($"exports-{e.ProjectId}", $"{e.Solution} for {e.ClientCity}", $"Urban-solution export ({e.Stage}).",
                [Org("1", "Seoul Metropolitan Government", ReportingOrg), Org("4", e.ClientCity, null)],
                e.Stage switch { "closed" or "handedOver" or "operating" => "4", "lost" or "cancelled" => "5", "suspended" => "6",
                    "contracted" or "implementation" => "2", _ => "1" },
                [Date("1", e.IdentifiedOn ?? e.ContractSignedOn ?? e.ProposalSubmittedOn), .. Optional("2", e.ContractSignedOn), .. Optional("4", e.HandedOverOn)],
                e.ClientCountry, policy is null ? [] : [policy.Sector], policy?.SdgGoals ?? [],
                [.. Money.PerCurrency(e.Financing.Where(f => OdaSources.Contains(f.Source) && f.Committed).Select(f => (f.Amount.Currency, f.Amount.Amount)))
                    .Select(a => Transaction("2", e.ContractSignedOn ?? e.IdentifiedOn, a.Currency, a.Amount))], now));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("iati-activities", new XAttribute("version", "2.03"), new XAttribute("generated-datetime", now.ToString("yyyy-MM-ddTHH:mm:ssZ")), activities));
    }

    private static XElement Activity(string id, string title, string description, IEnumerable<XElement> orgs, string status, IEnumerable<XElement?> dates,
        string? country, IEnumerable<string> sectors, IEnumerable<int> sdgs, IEnumerable<XElement?> transactions, DateTimeOffset now)
    {
        var datesKnown = dates.OfType<XElement>().ToList();
        return new XElement("iati-activity",
            new XAttribute("last-updated-datetime", now.ToString("yyyy-MM-ddTHH:mm:ssZ")), new XAttribute(XNamespace.Xml + "lang", "en"),
            new XElement("iati-identifier", $"{ReportingOrg}-{id}"),
            new XElement("reporting-org", new XAttribute("ref", ReportingOrg), new XAttribute("type", "20"), Narrative("Seoul Metropolitan Government")),
            new XElement("title", Narrative(title)),
            new XElement("description", new XAttribute("type", "1"), Narrative(description)),
            orgs,
            new XElement("activity-status", new XAttribute("code", status)),
            datesKnown.Count > 0 ? datesKnown : [new XElement("activity-date", new XAttribute("type", "1"), new XAttribute("iso-date", now.ToString("yyyy-MM-dd")))],
            country is null ? null : new XElement("recipient-country", new XAttribute("code", country), new XAttribute("percentage", "100")),
            sectors.Distinct().Select(code => new XElement("sector", new XAttribute("vocabulary", "1"), new XAttribute("code", code))),
            sdgs.Distinct().Order().Select(goal => new XElement("tag", new XAttribute("vocabulary", "2"), new XAttribute("code", goal))),
            transactions.OfType<XElement>());
    }

    private static XElement Org(string role, string name, string? reference) =>
        new("participating-org", new XAttribute("role", role), reference is null ? null : new XAttribute("ref", reference), Narrative(name));

    private static XElement Narrative(string text) => new("narrative", text);

    private static XElement? Date(string type, string? partial) =>
        Facts.Day(partial) is { } day ? new XElement("activity-date", new XAttribute("type", type), new XAttribute("iso-date", day.ToString("yyyy-MM-dd"))) : null;

    private static IEnumerable<XElement> Optional(string type, string? partial) => Date(type, partial) is { } e ? [e] : [];

    private static XElement? Transaction(string type, string? on, string currency, decimal amount) =>
        Facts.Day(on) is not { } day ? null : new XElement("transaction",
            new XElement("transaction-type", new XAttribute("code", type)),
            new XElement("transaction-date", new XAttribute("iso-date", day.ToString("yyyy-MM-dd"))),
            new XElement("value", new XAttribute("currency", currency), new XAttribute("value-date", day.ToString("yyyy-MM-dd")), amount));
}
