using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Contracts.PeaceBuilding;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// A peace-building program through the gateway only, from concept to delivery, with the approval that the
/// PeaceBuilding service puts on the real broker.
/// </summary>
[Collection("platform")]
public sealed class PeaceBuildingPlatformTests(PlatformFixture platform)
{
    private const string Programs = "/api/peace/programs";
    private const string Fund = "Inter-Korean Exchange and Cooperation Fund";

    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_program_with_a_partner_in_the_dprk_goes_from_concept_to_delivery_through_the_gateway()
    {
        Assert.True(platform.Has("PeaceBuilding"), "The platform runs without the PeaceBuilding service.");
        await using var approved = await BrokerProbe<PeaceProgramApproved>.StartAsync(platform.RabbitMq);

        var created = await Gateway.PostAsJsonAsync(Programs, new
        {
            title = "Peace and unification education with Pyongyang",
            area = "socioCultural",
            partners = new[] { new { name = "Pyongyang", country = "KP", kind = "city" } },
            objectives = new[] { "peace and unification education" },
            dacPurposeCode = "15220",
            sdgGoals = new[] { 16 },
            registeredOn = "2018-10",
        });
        await created.AssertStatus(HttpStatusCode.Created);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var path = $"{Programs}/{id}";
        var etag = created.Headers.ETag!.Tag;

        async Task<JsonElement> Step(string command, object body)
        {
            var response = await Gateway.PostIfMatchAsync($"{path}/{command}", body, etag);
            await response.AssertStatus(HttpStatusCode.OK);
            etag = response.Headers.ETag!.Tag;
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        await Step("consultation", new { ministry = "Ministry of Unification", consultedOn = "2018-10", outcome = "favourable" });
        await Step("risk-assessment", new { level = "high", screening = "cleared", assessedOn = "2018-11" });
        // No approval without a granted contact approval for the partner in the DPRK: 409 through the gateway, nothing appended.
        await (await Gateway.PostIfMatchAsync($"{path}/approval", new { approvedOn = "2018-12" }, etag)).AssertProblem(HttpStatusCode.Conflict);
        await Step("contact-approval", new { partner = "Pyongyang", decision = "granted", decidedOn = "2018-11" });
        await Step("approval", new { approvedOn = "2018-12" });
        await Step("allocation", new { fund = Fund, amount = new { amount = 100_000_000, currency = "KRW" }, allocatedOn = "2019-01" });
        await Step("agreement", new { partner = "Pyongyang", signedOn = "2019-02" });
        // Spending beyond the allocation is 409; a stale version is 412.
        var over = new { kind = "educationSession", description = "joint session", fund = Fund, spent = new { amount = 100_000_001, currency = "KRW" }, deliveredOn = "2019-03", partner = "Pyongyang" };
        await (await Gateway.PostIfMatchAsync($"{path}/delivery", over, etag)).AssertProblem(HttpStatusCode.Conflict);
        await (await Gateway.PostIfMatchAsync($"{path}/delivery", over with { spent = new { amount = 1, currency = "KRW" } }, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        var delivered = await Step("delivery", over with { spent = new { amount = 30_000_000, currency = "KRW" } });

        Assert.Equal(("approved", 8L), (delivered.GetProperty("status").GetString(), delivered.GetProperty("version").GetInt64()));
        var funds = await Gateway.GetFromJsonAsync<JsonElement>($"{path}/funds");
        var line = Assert.Single(funds.GetProperty("funds").EnumerateArray());
        Assert.Equal((Fund, "KRW", 100_000_000m, 30_000_000m, 70_000_000m),
            (line.GetProperty("fund").GetString(), line.GetProperty("currency").GetString(), line.GetProperty("allocated").GetDecimal(),
             line.GetProperty("spent").GetDecimal(), line.GetProperty("remaining").GetDecimal()));

        var listed = await Gateway.GetFromJsonAsync<JsonElement>($"{Programs}?country=KP&status=approved");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);

        await Eventually.True(() => Task.FromResult(!approved.Received.IsEmpty), TimeSpan.FromSeconds(20),
            what: $"PeaceProgramApproved on {platform.RabbitMq}{Environment.NewLine}{platform.Output}");
        var (messageId, message) = Assert.Single(approved.Received);
        Assert.NotNull(messageId);
        Assert.Equal((id, "socioCultural", "2018-12"), (message.ProgramId, message.Area, message.ApprovedOn));
        Assert.Equal([new PeacePartner("Pyongyang", "KP", "city")], message.Partners);
        Assert.Empty(message.Funds);   // nothing was allocated yet when it was approved
    }
}
