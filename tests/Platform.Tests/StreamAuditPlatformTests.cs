using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Security;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// An auditor's routes through the gateway, in every service that keeps streams: a stream's history, its replay at a
/// version or an instant, its verification, the service-wide verification and the export of the log. Each stream is
/// written by an editor of the owning department and read by an auditor, who cannot write.
/// </summary>
[Collection("platform")]
public sealed class StreamAuditPlatformTests(PlatformFixture platform)
{
    /// <summary>A stream of one service: how to start it and one more command on it, each with its stored event type.</summary>
    public sealed record StreamCase(
        string Service, string Segment, string Collection, string Owner,
        string CreateCommand, string CreatedEvent, Func<string, object> CreateBody,
        string Command, string CommandName, string CommandEvent, object CommandBody);

    private static readonly Dictionary<string, StreamCase> Cases = new[]
    {
        new StreamCase("Membership", "membership", "networks", "international-relations",
            "RegisterNetwork", "network_registered",
            tag => new { acronym = tag, name = $"Audit network {tag}", founded = 2004, headquartersCity = "Seoul", headquartersCountry = "KR", themes = new[] { "governance" } },
            "rename", "RenameNetwork", "network_renamed", new { name = "Audit network, renamed", effectiveOn = "2017" }),
        new StreamCase("Exchanges", "exchanges", "policies", "global-urban-partnership",
            "CataloguePolicy", "policy_catalogued",
            tag => new { title = $"Audit policy {tag}", department = "Smart City Policy Bureau", sector = "22040", sdgGoals = new[] { 9 }, summary = "The first wording." },
            "summary", "RevisePolicySummary", "policy_summary_revised", new { summary = "The second wording." }),
        new StreamCase("PeaceBuilding", "peace", "programs", "inter-korean-cooperation",
            "RegisterProgramConcept", "program_concept_registered",
            tag => new
            {
                title = $"Audit program {tag}", area = "socioCultural", partners = new[] { new { name = "Kaesong", country = "KP", kind = "city" } },
                objectives = new[] { "sports exchange" }, registeredOn = "2019-03",
            },
            "consultation", "RecordConsultation", "government_consulted", new { ministry = "Ministry of Unification", consultedOn = "2019-04", outcome = "favourable" }),
        new StreamCase("Exports", "exports", "projects", "global-urban-partnership",
            "IdentifyLead", "export_lead_identified",
            tag => new { solution = $"Audit solution {tag}", clientCity = "Tashkent", clientCountry = "UZ", origin = "partnerRequest", identifiedOn = "2020" },
            "qualification", "QualifyLead", "export_lead_qualified", new { qualifiedOn = "2021" }),
    }.ToDictionary(c => c.Segment);

    public static readonly TheoryData<string> Services = new(Cases.Keys);

    private static string Instant(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    private static DateTimeOffset Parse(JsonElement timestamp) =>
        DateTimeOffset.Parse(timestamp.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task An_auditor_reads_replays_verifies_and_exports_a_stream_through_the_gateway(string segment)
    {
        var test = Cases[segment];
        Assert.True(platform.Has(test.Service), $"The platform runs without {test.Service}.");
        var tag = $"A{Random.Shared.Next(100_000, 999_999)}";
        var writerUser = $"writer.{segment}";
        var writerClient = $"{segment}-audit-writer";
        using var editor = platform.GatewayAs(platform.Tokens.Mint(Roles.Editor, test.Owner, client: writerClient, user: writerUser));
        using var auditor = platform.GatewayAs(platform.Tokens.Mint(Roles.Auditor, "audit-office", client: "audit-tool", user: "auditor.park"));

        // Two versions, written by an editor of the owning department.
        var list = $"/api/{segment}/{test.Collection}";
        var created = await editor.PostExpectingAsync(list, test.CreateBody(tag), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var path = $"{list}/{id}";
        var commanded = await editor.PostExpectingAsync($"{path}/{test.Command}", test.CommandBody, HttpStatusCode.OK);
        Assert.Equal(2, commanded.GetProperty("version").GetInt64());

        // An auditor never writes: the same valid command is 403, and nothing is appended.
        var refused = await auditor.PostAsJsonAsync($"{path}/{test.Command}", test.CommandBody);
        await refused.AssertProblem(HttpStatusCode.Forbidden);

        // History: both events in order, each with who wrote it, from the editor's token.
        var historyResponse = await auditor.GetAsync($"{path}/history?page=1&pageSize=10");
        await historyResponse.AssertStatus(HttpStatusCode.OK);
        var history = await historyResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, history.GetProperty("streamId").GetGuid());
        Assert.Equal(2, history.GetProperty("totalItems").GetInt64());
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(new[] { 1L, 2L }, items.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(new[] { test.CreatedEvent, test.CommandEvent }, items.Select(e => e.GetProperty("type").GetString()));
        Assert.True(items[0].GetProperty("sequence").GetInt64() < items[1].GetProperty("sequence").GetInt64(), history.ToString());
        var (first, second) = (Parse(items[0].GetProperty("timestamp")), Parse(items[1].GetProperty("timestamp")));
        Assert.True(first < second, $"Timestamps out of order: {first:O}, {second:O}");
        Assert.Equal(new[] { test.CreateCommand, test.CommandName }, items.Select(e => e.GetProperty("metadata").GetProperty("command").GetString()));
        foreach (var item in items)
        {
            var metadata = item.GetProperty("metadata");
            Assert.Equal(writerUser, metadata.GetProperty("user").GetString());
            Assert.Equal(test.Owner, metadata.GetProperty("department").GetString());
            Assert.Equal(writerClient, metadata.GetProperty("client").GetString());
            Assert.False(string.IsNullOrEmpty(metadata.GetProperty("correlationId").GetString()), item.ToString());
            Assert.StartsWith($"{metadata.GetProperty("command").GetString()}:", metadata.GetProperty("causationId").GetString());
            Assert.Equal(64, item.GetProperty("hash").GetString()!.Length);
            Assert.Equal(JsonValueKind.Object, item.GetProperty("data").ValueKind);
        }
        Assert.NotEqual(items[0].GetProperty("metadata").GetProperty("causationId").GetString(),
            items[1].GetProperty("metadata").GetProperty("causationId").GetString());

        // Replay by version: each version is the state its command answered, with the version and time of its event.
        var atOne = await ReplayAsync(auditor, $"{path}?version=1");
        var atTwo = await ReplayAsync(auditor, $"{path}?version=2");
        Assert.Equal(1, atOne.GetProperty("version").GetInt64());
        Assert.Equal(2, atTwo.GetProperty("version").GetInt64());
        Assert.Equal(first, Parse(atOne.GetProperty("timestamp")));
        Assert.Equal(second, Parse(atTwo.GetProperty("timestamp")));
        Assert.True(JsonElement.DeepEquals(created, atOne.GetProperty("state")), $"Version 1 replayed as {atOne}, created as {created}");
        Assert.True(JsonElement.DeepEquals(commanded, atTwo.GetProperty("state")), $"Version 2 replayed as {atTwo}, answered as {commanded}");
        Assert.False(JsonElement.DeepEquals(atOne.GetProperty("state"), atTwo.GetProperty("state")), "Both versions replay to the same state.");
        await (await auditor.GetAsync($"{path}?version=3")).AssertProblem(HttpStatusCode.NotFound);

        // Replay by instant: between the events is version 1, after them (even in the future) version 2, before them 404.
        var between = await ReplayAsync(auditor, $"{path}?asOf={Instant(first + (second - first) / 2)}");
        Assert.Equal(1, between.GetProperty("version").GetInt64());
        Assert.True(JsonElement.DeepEquals(atOne.GetProperty("state"), between.GetProperty("state")), between.ToString());
        var future = await ReplayAsync(auditor, $"{path}?asOf={Instant(DateTimeOffset.UtcNow.AddYears(1))}");
        Assert.Equal(2, future.GetProperty("version").GetInt64());
        Assert.True(JsonElement.DeepEquals(atTwo.GetProperty("state"), future.GetProperty("state")), future.ToString());
        await (await auditor.GetAsync($"{path}?asOf={Instant(first.AddSeconds(-1))}")).AssertProblem(HttpStatusCode.NotFound);

        // The stream's chain holds.
        var verify = await auditor.GetAsync($"{path}/verify");
        await verify.AssertStatus(HttpStatusCode.OK);
        var verdict = await verify.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, verdict.GetProperty("streamId").GetGuid());
        Assert.True(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
        Assert.Equal(2, verdict.GetProperty("events").GetInt64());

        // Every stream of the service: one line per broken stream, never this one, then a summary that counts them.
        var verifyAll = await auditor.GetAsync($"/api/{segment}/audit/verify");
        await verifyAll.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/x-ndjson", verifyAll.Content.Headers.ContentType?.MediaType);
        var verdicts = NdJson(await verifyAll.Content.ReadAsStringAsync());
        var summary = verdicts[^1];
        Assert.True(summary.GetProperty("summary").GetBoolean(), summary.ToString());
        Assert.True(summary.GetProperty("streams").GetInt64() >= 1, summary.ToString());
        var broken = verdicts[..^1];
        Assert.Equal(broken.Count, summary.GetProperty("broken").GetInt64());
        Assert.Equal(broken.Count == 0, summary.GetProperty("intact").GetBoolean());
        Assert.DoesNotContain(broken, line => line.GetProperty("streamId").GetGuid() == id);

        // The export from this stream's first sequence: both events, with the hashes the history shows, chained.
        var (firstSequence, secondSequence) = (items[0].GetProperty("sequence").GetInt64(), items[1].GetProperty("sequence").GetInt64());
        var export = await auditor.GetAsync($"/api/{segment}/audit/events?from={firstSequence}");
        await export.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
        var lines = NdJson(await export.Content.ReadAsStringAsync());
        Assert.All(lines, line => Assert.True(line.GetProperty("sequence").GetInt64() >= firstSequence, line.ToString()));
        var ours = lines.Where(line => line.GetProperty("streamId").GetGuid() == id).ToList();
        Assert.Equal(new[] { firstSequence, secondSequence }, ours.Select(line => line.GetProperty("sequence").GetInt64()));
        Assert.Equal(new[] { test.CreatedEvent, test.CommandEvent }, ours.Select(line => line.GetProperty("type").GetString()));
        var previous = new string('0', 64);
        for (var i = 0; i < 2; i++)
        {
            var line = ours[i];
            Assert.Equal(items[i].GetProperty("hash").GetString(), line.GetProperty("hash").GetString());
            Assert.Equal(previous, line.GetProperty("previousHash").GetString());
            Assert.Equal(writerUser, line.GetProperty("userName").GetString());
            Assert.Equal(line.GetProperty("hash").GetString(), HashOf(line, previous));
            previous = line.GetProperty("hash").GetString()!;
        }

        // Resumed after the last event of the stream, the export no longer holds it.
        var resumed = await auditor.GetAsync($"/api/{segment}/audit/events?from={secondSequence + 1}");
        await resumed.AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain(NdJson(await resumed.Content.ReadAsStringAsync()), line => line.GetProperty("streamId").GetGuid() == id);
    }

    private static async Task<JsonElement> ReplayAsync(HttpClient client, string uri)
    {
        var response = await client.GetAsync(uri);
        await response.AssertStatus(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<JsonElement> NdJson(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    /// <summary>The hash of an exported line, computed as the README tells an auditor to, independently of the service's code.</summary>
    private static string HashOf(JsonElement line, string previousHash)
    {
        string Text(string name) => line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        string[] parts =
        [
            previousHash, Text("streamId"), line.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture), Text("timestamp"),
            Text("type"), Text("dataText"), Text("correlationId"), Text("causationId"), Text("userName"), Text("headersText"),
        ];
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", parts))));
    }
}
