using System.Net;
using System.Net.Http.Json;
using Diplomacy.PeaceBuilding.Programs;
using Diplomacy.ServiceDefaults.EventStore;
using Diplomacy.TestSupport;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.PeaceBuilding.Tests.Service;

/// <summary>The PeaceBuilding service in-process, on its own database and virtual host of the real servers, with a fixed clock.</summary>
public sealed class PeaceBuildingServiceFactory : ServiceFactory<Program>
{
    /// <summary>"Now" for the service: what the suspended list counts days to.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public const string Fund = "Inter-Korean Exchange and Cooperation Fund";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedClock(Now)));
    }

    /// <summary>Every state the stream went through, folded from its events one by one.</summary>
    public async Task<IReadOnlyList<PeaceProgram>> HistoryAsync(Guid id)
    {
        await using var session = Services.GetRequiredService<IDocumentStore>().QuerySession();
        var states = new List<PeaceProgram>();
        PeaceProgram? state = null;
        foreach (var e in await session.Events.FetchStreamAsync(id))
        {
            state = Aggregate.FoldStored(state, e.Data)!;
            states.Add(state);
        }
        return states;
    }

    /// <summary>Registers a concept with Pyongyang (KP) and UNICEF (US) as partners; returns its location.</summary>
    public static async Task<Uri> RegisterAsync(HttpClient client, string title = "Seoul-Pyongyang city partnership", string area = "socioCultural")
    {
        var response = await client.PostAsJsonAsync("/api/peace/programs", new
        {
            title,
            area,
            partners = new object[]
            {
                new { name = "Pyongyang", country = "KP", kind = "city" },
                new { name = "UNICEF", country = "US", kind = "organisation" },
            },
            objectives = new[] { "peace and unification education" },
            dacPurposeCode = "15220",
            sdgGoals = new[] { 16, 17 },
            registeredOn = "2016-11",
        });
        await HttpAssert.Ok(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>Takes a registered program through risk, contact approval and approval.</summary>
    public static async Task ApproveAsync(HttpClient client, Uri program)
    {
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/risk-assessment", new { level = "moderate", screening = "cleared", assessedOn = "2018-10" }));
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/contact-approval", new { partner = "Pyongyang", decision = "granted", decidedOn = "2018-10" }));
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/approval", new { approvedOn = "2018-11" }));
    }

    /// <summary>An approved program with <paramref name="amount"/> KRW allocated from the inter-Korean fund.</summary>
    public static async Task<Uri> FundedAsync(HttpClient client, decimal amount)
    {
        var program = await RegisterAsync(client);
        await ApproveAsync(client, program);
        await HttpAssert.Ok(await client.PostAsJsonAsync($"{program}/allocation", new { fund = Fund, amount = new { amount, currency = "KRW" }, allocatedOn = "2018-12" }));
        return program;
    }

    public static object Delivery(decimal amount, string currency = "KRW", string partner = "Pyongyang") => new
    {
        kind = "aidShipment",
        description = "medical supplies",
        fund = Fund,
        spent = new { amount, currency },
        deliveredOn = "2019-01",
        partner,
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
