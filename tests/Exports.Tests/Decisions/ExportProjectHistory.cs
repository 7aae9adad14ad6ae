using Diplomacy.Exports.Projects;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.Exports.Tests.Decisions;

/// <summary>The histories the export decision tests start from: Bogota's fare collection and fleet control system.</summary>
internal static class ExportProjectHistory
{
    public static PartialDate D(string text) => PartialDate.Parse(text);
    public static Money M(decimal amount, string currency) => new(amount, CurrencyCode.Parse(currency));

    public static readonly LeadIdentified BogotaLead = new(
        "Fare collection and fleet control", "Bogota", CountryCode.Parse("CO"), LeadOrigin.MultilateralBank, D("2010"));

    public static FinancingSourceAdded Financing(FinancingSource source, decimal amount, string currency,
        FinancingInstrument instrument = FinancingInstrument.Loan, bool committed = true) =>
        new(source, instrument, M(amount, currency), committed, null, null);

    public static IExportProjectEvent[] Lead(params IExportProjectEvent[] later) => [BogotaLead, .. later];
    public static IExportProjectEvent[] Proposed(params IExportProjectEvent[] later) =>
        Lead([new ProposalSubmitted(M(176_000_000, "USD"), D("2011-03"), null), .. later]);
    public static IExportProjectEvent[] Contracted(params IExportProjectEvent[] later) =>
        Proposed([new ContractSigned(M(176_000_000, "USD"), D("2011-07"), null, [new("LG CNS", "lead")]), .. later]);
    public static IExportProjectEvent[] FullyFinanced(params IExportProjectEvent[] later) => Contracted([
        Financing(FinancingSource.Ifc, 55_000_000, "USD"),
        Financing(FinancingSource.Kexim, 62_000_000, "USD"),
        Financing(FinancingSource.PrivateConcession, 59_000_000, "USD", FinancingInstrument.Other), .. later]);
    public static IExportProjectEvent[] InImplementation(params IExportProjectEvent[] later) =>
        FullyFinanced([new MilestoneReached("Design", 20, D("2011-10")), .. later]);
    public static IExportProjectEvent[] HandedOver(params IExportProjectEvent[] later) => InImplementation([new SystemHandedOver(D("2012-06")), .. later]);
    public static IExportProjectEvent[] Closed() => HandedOver(new DefectsPeriodEnded(D("2014-06")));
}
