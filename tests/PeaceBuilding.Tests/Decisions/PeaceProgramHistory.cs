using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults.Domain;

namespace Diplomacy.PeaceBuilding.Tests.Decisions;

/// <summary>The histories the peace-program decision tests start from: the Seoul-Pyongyang partnership and Mexico City relief.</summary>
internal static class PeaceProgramHistory
{
    public static PartialDate D(string text) => PartialDate.Parse(text);
    public static Money M(decimal amount, string currency) => new(amount, CurrencyCode.Parse(currency));

    public const string Fund = "Inter-Korean Exchange and Cooperation Fund";

    public static readonly ProgramConceptRegistered PyongyangConcept = new(
        "Seoul-Pyongyang city-to-city partnership",
        ProgramArea.SocioCultural,
        [new ProgramPartner("Pyongyang", CountryCode.Parse("KP"), PartnerKind.City), new ProgramPartner("UNICEF", CountryCode.Parse("US"), PartnerKind.Organisation)],
        ["peace and unification education"],
        "15220",
        [16, 17],
        D("2016-11"));

    public static readonly ProgramConceptRegistered MexicoConcept = new(
        "Earthquake relief to Mexico City", ProgramArea.Humanitarian,
        [new ProgramPartner("Mexico City", CountryCode.Parse("MX"), PartnerKind.City)], ["relief after the 2017 earthquake"], "72010", [11], D("2017-09"));

    public static readonly RiskAssessed Cleared = new(RiskLevel.Moderate, SanctionsScreening.Cleared, D("2018-10"), null);
    public static readonly ContactApprovalGranted PyongyangContact = new("Pyongyang", D("2018-10"), null);
    public static readonly ProgramApproved Approved = new(D("2018-11"), "Mayor");

    public static IPeaceProgramEvent[] Concept(params IPeaceProgramEvent[] later) => [PyongyangConcept, .. later];
    public static IPeaceProgramEvent[] ApprovedProgram(params IPeaceProgramEvent[] later) => Concept([Cleared, PyongyangContact, Approved, .. later]);
    public static IPeaceProgramEvent[] Funded(params IPeaceProgramEvent[] later) =>
        ApprovedProgram([new FundsAllocated(Fund, M(100_000_000, "KRW"), D("2018-12")), .. later]);

    public static RecordDelivery Delivery(decimal amount, string currency = "KRW", string fund = Fund, string? partner = "Pyongyang") =>
        new(DeliveryKind.AidShipment, "medical supplies", fund, M(amount, currency), D("2019-01"), partner);

    /// <summary>The event <see cref="Delivery"/> records, under the partner's and the fund's spelling as the program knows them.</summary>
    public static DeliveryRecorded Delivered(decimal amount, string currency = "KRW", string fund = Fund, string? partner = "Pyongyang") =>
        new(DeliveryKind.AidShipment, "medical supplies", fund, M(amount, currency), D("2019-01"), partner);
}
