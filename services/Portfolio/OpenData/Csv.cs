using System.Globalization;
using CsvHelper;
using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.OpenData;

/// <summary>One initiative a row (RFC 4180: CRLF line ends, quotes where needed), amounts per currency in their own columns.</summary>
public static partial class ActivitiesCsv
{
    [CsvRecord]
    public sealed partial record Row(
        string Service, string Collection, Guid Id, string Title, string Status, string? CityKey, string? City, string? Country,
        string? Started, string? Currency, decimal? Amount, string? AmountKind);

    public static IEnumerable<Row> Rows(Ledger l)
    {
        foreach (var t in l.Ties) yield return new("membership", "partner-cities", t.PartnerCityId, $"{t.Tie} tie with {t.City}", t.Status, l.KeyOf(t), t.City, t.Country, t.SignedOn ?? t.ProposedOn, null, null, null);
        foreach (var m in l.Memberships) yield return new("membership", "memberships", m.MembershipId, $"membership of {m.NetworkAcronym}", m.Status, null, null, null, m.AcceptedOn ?? m.AppliedOn, null, null, null);
        foreach (var x in l.Exchanges)
            yield return new("exchanges", "exchanges", x.ExchangeId, $"exchange with {x.PartnerCity}", x.Status, l.KeyOf(x), x.PartnerCity, x.PartnerCountry, x.RequestedOn,
                x.Funding?.Currency, x.Funding?.Amount, x.Funding is null ? null : "funding");
        foreach (var p in l.Programs)
        {
            var city = p.Partners.FirstOrDefault(x => x.Kind == "city");
            var funds = Money.PerCurrency(p.Funds.Select(f => (f.Currency, f.Allocated)));
            // One row per currency keeps amounts apart; a program with no funds yet is still one row.
            foreach (var amount in funds.Count == 0 ? [null] : funds.Cast<CurrencyAmount?>())
                yield return new("peace", "programs", p.ProgramId, p.Title, p.Status, city is null ? null : l.Atlas.KeyOf(city.Country, city.Name), city?.Name, city?.Country,
                    p.ApprovedOn ?? p.RegisteredOn, amount?.Currency, amount?.Amount, amount is null ? null : "allocated");
        }
        foreach (var e in l.Projects)
            yield return new("exports", "projects", e.ProjectId, e.Solution, e.Stage, l.KeyOf(e), e.ClientCity, e.ClientCountry, e.IdentifiedOn,
                (e.ContractValue ?? e.ProposalValue)?.Currency, (e.ContractValue ?? e.ProposalValue)?.Amount,
                e.ContractValue is not null ? "contract" : e.ProposalValue is not null ? "proposal" : null);
    }

    public static string Write(Ledger l)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // A text field a spreadsheet would run as a formula is escaped (OWASP CSV injection).
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecords(Rows(l));
            csv.Flush();
        }
        return text.ToString();
    }
}
