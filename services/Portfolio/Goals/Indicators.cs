using Diplomacy.Portfolio.Views;

namespace Diplomacy.Portfolio.Goals;

/// <summary>The current value of a goal's indicator, counted from the views with its filter.</summary>
public static class Indicators
{
    public static int Value(Ledger l, Indicator i)
    {
        bool Region(string country) => i.Region is null || l.Atlas.RegionOf(country) == i.Region;
        bool Exchange(Contracts.Exchanges.ExchangeChanged x) => Region(x.PartnerCountry) && (i.NetworkId is null || x.NetworkId == i.NetworkId)
            && (i.Sector is null || l.SectorsOf(x).Contains(i.Sector)) && (i.Sdg is null || l.SdgsOf(x).Contains(i.Sdg.Value));
        bool Project(Contracts.Exports.ExportProjectChanged p) => Region(p.ClientCountry)
            && (i.Sector is null || l.PolicyOf(p)?.Sector == i.Sector) && (i.Sdg is null || l.PolicyOf(p)?.SdgGoals.Contains(i.Sdg.Value) == true)
            && (i.NetworkId is null || l.Exchanges.Any(x => x.ExchangeId == p.ExchangeId && x.NetworkId == i.NetworkId));

        return i.Figure switch
        {
            Figure.ActivePartnerCities => l.Ties.Count(t => t.Status == "active" && Region(t.Country)),
            Figure.ExchangesRequested => l.Exchanges.Count(Exchange),
            Figure.ExchangesDelivered => l.Exchanges.Count(x => Exchange(x) && Refs.Delivered(x)),
            Figure.ParticipantsTrained => l.Exchanges.Where(Exchange).Sum(x => x.Activities.Sum(a => a.Participants)),
            Figure.Adoptions => l.Exchanges.Where(Exchange).Sum(x => x.Outcomes.Where(o => Refs.Adopted(o.AdoptionLevel)).Select(o => o.PolicyId).Distinct().Count()),
            Figure.ExportLeads => l.Projects.Count(Project),
            Figure.ExportContracts => l.Projects.Count(p => Project(p) && p.ContractSignedOn is not null),
            Figure.PeacePrograms => l.Programs.Count(p => (i.Region is null || p.Partners.Any(x => Region(x.Country)))
                && (i.Sdg is null || p.SdgGoals.Contains(i.Sdg.Value)) && p.Status is not ("cancelled" or "concept")),
            Figure.NetworkRoles => l.Memberships.Where(m => i.NetworkId is null || m.NetworkId == i.NetworkId).Sum(m => m.Roles.Count(r => !r.Ended)),
            Figure.Initiatives =>
                (i.Instrument is null or Instrument.Tie ? l.Ties.Count(t => Region(t.Country)) : 0)
                + (i.Instrument is null or Instrument.Exchange ? l.Exchanges.Count(Exchange) : 0)
                + (i.Instrument is null or Instrument.PeaceProgram ? l.Programs.Count(p => i.Region is null || p.Partners.Any(x => Region(x.Country))) : 0)
                + (i.Instrument is null or Instrument.Export ? l.Projects.Count(Project) : 0)
                + (i.Instrument is null or Instrument.Network ? l.Memberships.Count(m => i.NetworkId is null || m.NetworkId == i.NetworkId) : 0),
            _ => 0,
        };
    }
}
