namespace Diplomacy.Exchanges.Tests.Decisions;

using Diplomacy.Exchanges.Exchanges;
using Diplomacy.Exchanges.Integration;
using Diplomacy.ServiceDefaults.Domain;

/// <summary>The histories the exchange decision tests start from: Ulaanbaatar learning TOPIS from Seoul.</summary>
internal static class ExchangeHistory
{
    public static readonly Guid Topis = Guid.Parse("0e0c3b8a-1d0c-4b8e-9a4e-5b7f2c9d1a01");
    public static readonly Guid TransitCard = Guid.Parse("0e0c3b8a-1d0c-4b8e-9a4e-5b7f2c9d1a02");
    public static readonly Guid CityNetId = Guid.Parse("6f1c2a5e-6a44-4c51-9d8e-0b8f2f3c1a02");

    public static PartialDate D(string text) => PartialDate.Parse(text);
    public static Money Krw(decimal amount) => new(amount, CurrencyCode.Parse("KRW"));

    public static readonly ExchangeRequested Requested =
        new("Ulaanbaatar", CountryCode.Parse("MN"), Channel.Bilateral, null, null, [Topis], D("2013-03"));
    public static readonly ExchangeScoped Scoped = new(Modality.StudyVisit, 12, D("2013-06"), D("2013-06"));
    public static readonly FundingApproved Funded = new("External Cooperation Fund", Krw(50_000_000), D("2013-05"));
    public static readonly ExchangeScheduled Scheduled = new(D("2013-06-10"), D("2013-06-14"));
    public static readonly ActivityDelivered Visit = new(ActivityKind.Visit, D("2013-06-10"), 12, null);
    public static readonly OutcomeReported Piloting = new(Topis, AdoptionLevel.Piloting, false, D("2014"), null);
    public static readonly ExchangeEvaluated Evaluated = new(4, D("2015"), null);
    public static readonly ExchangeSuspended Election = new(D("2013-05"), "Election");

    public static IExchangeEvent[] Fresh() => [Requested];
    public static IExchangeEvent[] WithScope() => [Requested, Scoped];
    public static IExchangeEvent[] WithFunding() => [Requested, Scoped, Funded];
    public static IExchangeEvent[] Delivering() => [Requested, Scoped, Funded, Scheduled, Visit];
    public static IExchangeEvent[] Reported() => [.. Delivering(), Piloting];
    public static IExchangeEvent[] EvaluatedExchange() => [.. Reported(), Evaluated];
    public static IExchangeEvent[] Closed() => [.. EvaluatedExchange(), new ExchangeClosed(D("2015"))];
    public static IExchangeEvent[] Cancelled() => [Requested, Scoped, new ExchangeCancelled(D("2013-04"), "Partner withdrew")];
    public static IExchangeEvent[] Suspended() => [Requested, Scoped, Funded, Election];

    public static NetworkMembershipStatus Membership(bool active) => new()
    {
        Id = CityNetId, Acronym = "CityNet", Active = active, EndReason = active ? null : "withdrawn", EndedOn = active ? null : "2020",
    };

    public static RequestExchange Request(Channel channel, Guid? networkId = null) =>
        new("Ulaanbaatar", CountryCode.Parse("MN"), channel, [Topis, Topis], D("2013-03"), networkId);
}
