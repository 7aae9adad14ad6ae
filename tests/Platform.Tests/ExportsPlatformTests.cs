using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Contracts.Exports;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// From a policy-sharing outcome to a signed export contract, through the gateway only, across the Exchanges and
/// Exports services and the real broker: a partner city's adoption with intent to procure, reported in Exchanges,
/// opens exactly one lead in Exports, which then runs to a contract that is published in its turn.
/// </summary>
[Collection("platform")]
public sealed class ExportsPlatformTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_policy_sharing_outcome_becomes_a_signed_export_contract_through_the_gateway()
    {
        Assert.True(platform.Has("Exchanges") && platform.Has("Exports"), "The platform runs without the Exchanges or Exports service.");
        await using var contracts = await BrokerProbe<ExportContractSigned>.StartAsync(platform.RabbitMq);

        // Exchanges: a bilateral exchange sharing a policy, up to the partner's adoption with intent to procure.
        var policy = await Gateway.PostExpectingAsync("/api/exchanges/policies", new
        {
            title = "T-money transit card", department = "City Transportation Office", sector = "21020", sdgGoals = new[] { 11 },
            summary = "Seoul's smart card for buses and the metro.",
        }, HttpStatusCode.Created);
        var exchange = await Gateway.PostExpectingAsync("/api/exchanges/exchanges", new
        {
            partnerCity = "Ulaanbaatar", partnerCountry = "MN", channel = "bilateral",
            policyIds = new[] { policy.GetProperty("id").GetGuid() }, requestedOn = "2013",
        }, HttpStatusCode.Created);
        var exchangeId = exchange.GetProperty("id").GetGuid();
        var exchangePath = $"/api/exchanges/exchanges/{exchangeId}";
        await Gateway.PostExpectingAsync($"{exchangePath}/scope", new { modality = "studyVisit", participants = 8, plannedStart = "2013-09" }, HttpStatusCode.OK);
        await Gateway.PostExpectingAsync($"{exchangePath}/funding-approval",
            new { source = "External Cooperation Fund", funding = new { amount = 40_000_000, currency = "KRW" }, approvedOn = "2013-07" }, HttpStatusCode.OK);
        await Gateway.PostExpectingAsync($"{exchangePath}/schedule", new { startsOn = "2013-09-02", endsOn = "2013-09-06" }, HttpStatusCode.OK);
        await Gateway.PostExpectingAsync($"{exchangePath}/activities", new { kind = "visit", deliveredOn = "2013-09-02", participants = 8 }, HttpStatusCode.OK);
        await Gateway.PostExpectingAsync($"{exchangePath}/outcome", new
        {
            adoptionLevel = "adopted", intendsToProcure = true, reportedOn = "2014-03", evidence = "Tender for a transit card system",
        }, HttpStatusCode.OK);

        // Exports: the lead the adoption opened, found through the gateway by its exchange in one read that waits for it.
        var leads = await Gateway.GetFromJsonAsync<JsonElement>($"/api/exports/projects?exchange={exchangeId}&wait=25s");
        Assert.True(leads.GetProperty("totalItems").GetInt64() == 1, $"No lead of exchange {exchangeId} within 25 s: {leads}{Environment.NewLine}{platform.Output}");
        var lead = leads.GetProperty("items")[0];
        Assert.Equal(("lead", "policySharing", "Ulaanbaatar", "MN", "T-money transit card", "2014-03"),
            (Text(lead, "status"), Text(lead, "origin"), Text(lead, "clientCity"), Text(lead, "clientCountry"), Text(lead, "solution"), Text(lead, "identifiedOn")));
        var fromSharing = await Gateway.GetFromJsonAsync<JsonElement>("/api/exports/projects?fromPolicySharing=true");
        Assert.Equal(1, fromSharing.GetProperty("totalItems").GetInt64());

        // The lead runs to a signed contract, with the versions the gateway hands back.
        var projectId = lead.GetProperty("id").GetGuid();
        var path = $"/api/exports/projects/{projectId}";
        var etag = ApiETag(lead);
        async Task Step(string command, object body)
        {
            var response = await Gateway.PostIfMatchAsync($"{path}/{command}", body, etag);
            await response.AssertStatus(HttpStatusCode.OK);
            etag = response.Headers.ETag!.Tag;
        }
        await Step("qualification", new { qualifiedOn = "2014-04" });
        // No contract without a proposal: 409 through the gateway, and nothing changes.
        await (await Gateway.PostIfMatchAsync($"{path}/contract", new { value = new { amount = 12_000_000, currency = "USD" }, signedOn = "2014-09" }, etag))
            .AssertProblem(HttpStatusCode.Conflict);
        await Step("proposal", new { value = new { amount = 12_000_000, currency = "USD" }, submittedOn = "2014-06" });
        await Step("preferred-bidder", new { selectedOn = "2014-08" });
        await Step("contract", new
        {
            value = new { amount = 12_000_000, currency = "USD" }, signedOn = "2014-09",
            consortium = new[] { new { firm = "Korea Smart Card", role = "lead, system supply" } },
        });
        // A stale version is 412 through the gateway.
        await (await Gateway.PostIfMatchAsync($"{path}/financing", new { source = "clientFunded", instrument = "clientPayment",
            amount = new { amount = 12_000_000, currency = "USD" } }, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);

        var read = await Gateway.GetAsync(path);
        await read.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(etag, read.Headers.ETag?.Tag);
        var state = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("contracted", 5L, exchangeId.ToString()),
            (Text(state, "status"), state.GetProperty("version").GetInt64(), Text(state, "exchangeId")));

        await Eventually.True(() => Task.FromResult(!contracts.Received.IsEmpty), TimeSpan.FromSeconds(30),
            what: $"ExportContractSigned on {platform.RabbitMq}{Environment.NewLine}{platform.Output}");
        var (messageId, contract) = Assert.Single(contracts.Received);
        Assert.NotNull(messageId);
        Assert.Equal((projectId, exchangeId, 12_000_000m, "USD", "2014-09", "Ulaanbaatar"),
            (contract.ProjectId, contract.ExchangeId, contract.Value, contract.Currency, contract.SignedOn, contract.ClientCity));
        Assert.Equal(["Korea Smart Card"], contract.ConsortiumFirms);
    }

    [Fact]
    public async Task Every_list_value_that_is_not_of_its_type_is_named_in_one_answer_through_the_gateway()
    {
        var response = await Gateway.GetAsync("/api/exports/projects?exchange=not-a-uuid&fromPolicySharing=maybe&pageSize=abc&page=0");
        foreach (var field in new[] { "exchange", "fromPolicySharing", "pageSize", "page" }) await HttpAssert.NamesField(response, field);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ApiETag(JsonElement state) => $"\"{state.GetProperty("version").GetInt64()}\"";
}
