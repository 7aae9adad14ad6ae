using Diplomacy.Contracts.Exchanges;
using Diplomacy.Contracts.Exports;
using Diplomacy.Contracts.Membership;
using Diplomacy.Contracts.PeaceBuilding;
using MassTransit;

namespace Diplomacy.Portfolio.Tests.Service;

/// <summary>
/// A small fixed scenario, as the four services would publish it: C40 and Seoul's membership (a role, a fee paid), a
/// sister tie with Bogotá, two policies, an exchange with "Bogota" through C40 that was adopted with intent to procure,
/// the export lead it became (contracted, part-financed by KOICA), and a peace program with Bogotá in two currencies.
/// </summary>
public sealed class Scenario
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public readonly Guid NetworkId = Guid.NewGuid(), MembershipId = Guid.NewGuid(), TieId = Guid.NewGuid(), Topis = Guid.NewGuid(),
        Arisu = Guid.NewGuid(), ExchangeId = Guid.NewGuid(), ProjectId = Guid.NewGuid(), ProgramId = Guid.NewGuid();

    public NetworkChanged Network => new(NetworkId, 1, "network_registered", null, "C40", "C40 Cities Climate Leadership Group", 2005, "London", "GB", ["climate"], At);

    public MembershipChanged Membership => new(MembershipId, 4, "fee_paid", "2024-03", NetworkId, "C40", "active", "2006-07", "2006-07-25", null,
        [new MembershipRoleTerm("steeringCommittee", "2023-02", null, false), new MembershipRoleTerm("board", "2010", "2012", true)],
        [new MembershipHosting("summit", "3rd C40 Summit", "2009-05-18", "2009-05-18")],
        [new MembershipFee(2024, 15_000, "USD", 15_000, "USD", "2024-03"), new MembershipFee(2025, 15_000, "USD", null, null, null)], At);

    public PartnerTieChanged TieProposed => new(TieId, 1, "tie_proposed", "1980", "Bogotá", "CO", "city", "sister", "proposed", "1980", null, null, null, At);
    public PartnerTieChanged TieSigned => new(TieId, 3, "agreement_signed", "1982", "Bogotá", "CO", "city", "sister", "active", "1980", "1982", null, null, At);

    public PolicyChanged TopisPolicy => new(Topis, 1, "policy_catalogued", null, "TOPIS", "Transportation", "21020", [9, 11], At);
    public PolicyChanged ArisuPolicy => new(Arisu, 1, "policy_catalogued", null, "Arisu water", "Waterworks", "14030", [6], At);

    public ExchangeChanged ExchangeRequested => new(ExchangeId, 1, "exchange_requested", "2014-03", "Bogota", "CO", "cityNetwork", NetworkId, "C40",
        [Topis], "2014-03", "requested", null, null, null, [], [], null, null, null, At);

    public ExchangeChanged ExchangeAdopted => new(ExchangeId, 5, "outcome_reported", "2014-09", "Bogota", "CO", "cityNetwork", NetworkId, "C40",
        [Topis], "2014-03", "outcomeReported", "studyVisit", 12, new ExchangeFunding("External Cooperation Fund", 30_000_000, "KRW", "2014-04"),
        [new ExchangeActivity("visit", "2014-05-12", 12)], [new ExchangeOutcome(Topis, "adopted", true, "2014-09")], null, null, null, At);

    public ExportProjectChanged Project => new(ProjectId, 3, "contract_signed", "2015-06", "Bus management system", "Bogotá", "CO", "policySharing",
        ExchangeId, Topis, "contracted", "2014-11", new ExportAmount(900_000, "USD"), "2015-01", new ExportAmount(1_000_000, "USD"), "2015-06",
        [new ExportFinancing("koica", "grant", new ExportAmount(500_000, "USD"), true)], [], null, null, null, null, null, At);

    public PeaceProgramChanged Program => new(ProgramId, 4, "delivery_recorded", "2017-10", "Relief to Bogotá", "humanitarian",
        [new PeacePartner("Bogotá", "CO", "city")], "72010", [3, 11], "approved", "2017-09", "2017-09",
        [new PeaceFundAmount("Relief", "USD", 50_000, 20_000), new PeaceFundAmount("Relief", "KRW", 10_000_000, 0)], null, null, null, At);

    /// <summary>Publishes every change once, the tie's signature before its proposal (out of order), with fresh message ids.</summary>
    public async Task PublishAsync(IBus bus)
    {
        object[] changes = [Network, Membership, TieSigned, TieProposed, TopisPolicy, ArisuPolicy, ExchangeRequested, ExchangeAdopted, Project, Program];
        foreach (var change in changes) await bus.Publish(change, change.GetType(), c => c.MessageId = NewId.NextGuid());
    }
}
