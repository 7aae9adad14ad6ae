using Diplomacy.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Diplomacy.Membership.Tests.Service;

/// <summary>Replays, the hash chain and the export, on the real PostgreSQL.</summary>
public sealed class AuditTests(MembershipServiceFactory service) : IClassFixture<MembershipServiceFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    /// <summary>A sister tie driven through three versions: proposed, approved, signed.</summary>
    private async Task<(string Location, Guid Id)> SignedTieAsync(string city)
    {
        var (location, _) = await service.ProposeAsync(_client, city);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{location}/agreement", new { signedOn = "1996-05" })).StatusCode);
        return (location.ToString(), Guid.Parse(location.ToString().Split('/')[^1]));
    }

    private async Task<JsonElement> VerifyAsync(string location) => await _client.GetFromJsonAsync<JsonElement>($"{location}/verify");

    private async Task SqlAsync(string sql, Guid streamId)
    {
        await using var connection = new NpgsqlConnection(service.PostgresConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", streamId);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Replay_at_every_version_and_between_events_gives_what_a_client_read_then()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var created = await _client.PostAsJsonAsync("/api/membership/partner-cities",
            new { city = "Hanoi", country = "VN", jurisdiction = "city", tie = "sister", proposedOn = "1996" });
        var location = created.Headers.Location!.ToString();
        var reads = new List<(string State, DateTimeOffset After)>();
        async Task ReadAsync() => reads.Add((await _client.GetStringAsync(location), DateTimeOffset.UtcNow));

        await ReadAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" })).StatusCode);
        await ReadAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync($"{location}/agreement", new { signedOn = "1996-05" })).StatusCode);
        await ReadAsync();

        for (var version = 1; version <= 3; version++)
        {
            var (state, after) = reads[version - 1];
            var byVersion = await _client.GetFromJsonAsync<JsonElement>($"{location}?version={version}");
            Assert.Equal(version, byVersion.GetProperty("version").GetInt64());
            Assert.Equal(state, byVersion.GetProperty("state").GetRawText());

            var byInstant = await _client.GetFromJsonAsync<JsonElement>($"{location}?asOf={Uri.EscapeDataString(after.ToString("O"))}");
            Assert.Equal(state, byInstant.GetProperty("state").GetRawText());
            Assert.True(byInstant.GetProperty("timestamp").GetDateTimeOffset() <= after);
        }

        var future = await _client.GetFromJsonAsync<JsonElement>($"{location}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddYears(1).ToString("O"))}");
        Assert.Equal(reads[^1].State, future.GetProperty("state").GetRawText());
        await HttpAssert.Problem(await _client.GetAsync($"{location}?asOf={Uri.EscapeDataString(before.ToString("O"))}"), HttpStatusCode.NotFound);
        await HttpAssert.Problem(await _client.GetAsync($"{location}?version=4"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task History_lists_every_event_with_its_metadata_in_order()
    {
        var (location, _) = await SignedTieAsync("Hue");
        var history = await _client.GetFromJsonAsync<JsonElement>($"{location}/history?pageSize=2");
        Assert.Equal(3, history.GetProperty("totalItems").GetInt64());
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["tie_proposed", "council_approval_granted"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L], items.Select(i => i.GetProperty("version").GetInt64()));
        Assert.Equal("ProposeTie", items[0].GetProperty("metadata").GetProperty("command").GetString());
        Assert.False(string.IsNullOrEmpty(items[0].GetProperty("metadata").GetProperty("correlationId").GetString()));
        Assert.Equal(64, items[0].GetProperty("hash").GetString()!.Length);

        var second = await _client.GetFromJsonAsync<JsonElement>($"{location}/history?page=2&pageSize=2");
        Assert.Equal("agreement_signed", second.GetProperty("items")[0].GetProperty("type").GetString());
    }

    public static TheoryData<string, long, string> Tampering => new()
    {
        { "update mt_events set data = jsonb_set(data, '{signedOn}', '\"1997\"') where stream_id = @id and version = 3", 3, "dataChanged" },
        { "update mt_events set user_name = 'mallory' where stream_id = @id and version = 2", 2, "metadataChanged" },
        { "update mt_events set headers = headers || '{\"department\":\"elsewhere\"}' where stream_id = @id and version = 1", 1, "metadataChanged" },
        { "delete from mt_events where stream_id = @id and version = 2", 2, "eventMissing" },
        { "update mt_events set timestamp = timestamp - interval '1 day' where stream_id = @id and version = 2", 2, "timestampMoved" },
        {
            """
            update mt_events set version = -2 where stream_id = @id and version = 2;
            update mt_events set version = 2 where stream_id = @id and version = 3;
            update mt_events set version = 3 where stream_id = @id and version = -2;
            """, 2, "eventsReordered"
        },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Tampering_with_the_database_is_detected_at_the_right_version(string sql, long version, string kind)
    {
        var (location, id) = await SignedTieAsync($"Tampered {Guid.NewGuid():N}");
        Assert.True((await VerifyAsync(location)).GetProperty("intact").GetBoolean());

        await SqlAsync(sql, id);

        var verdict = await VerifyAsync(location);
        Assert.False(verdict.GetProperty("intact").GetBoolean(), verdict.ToString());
        Assert.Equal(version, verdict.GetProperty("brokenAtVersion").GetInt64());
        Assert.Equal(kind, verdict.GetProperty("break").GetString());

        var all = (await _client.GetStringAsync("/api/membership/audit/verify")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Contains(all, line => line.TryGetProperty("streamId", out var s) && s.GetGuid() == id);
        Assert.False(all[^1].GetProperty("intact").GetBoolean());
    }

/// <summary>A store nobody touched verifies clean and exports what an auditor can check, on a database of its own.</summary>
public sealed class CleanStoreAuditTests(MembershipServiceFactory service) : IClassFixture<MembershipServiceFactory>
{
    [Fact]
    public async Task An_untouched_store_verifies_clean()
    {
        var client = service.CreateClient();
        var (location, _) = await service.ProposeAsync(client, "Hanoi");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" })).StatusCode);
        await service.ProposeAsync(client, "Hue", tie: "friendship");

        var lines = (await client.GetStringAsync("/api/membership/audit/verify")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.True(summary.GetProperty("intact").GetBoolean());
        Assert.True(summary.GetProperty("streams").GetInt64() >= 2);
        Assert.Equal(0, summary.GetProperty("broken").GetInt64());
    }

    [Fact]
    public async Task The_export_round_trips_hashes_recomputed_from_the_ndjson_match()
    {
        var client = service.CreateClient();
        var (location, _) = await service.ProposeAsync(client, "Da Lat");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"{location}/council-approval", new { approvedOn = "1996-04" })).StatusCode);
        var lines = (await client.GetStringAsync("/api/membership/audit/events?from=0"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(lines.Count >= 3);

        var lastHash = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            string? Text(string name) => line.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var stream = Text("streamId")!;
            var previous = lastHash.GetValueOrDefault(stream, new string('0', 64));
            Assert.Equal(previous, Text("previousHash"));
            // The README's recipe, written out independently of the service's code.
            var canonical = string.Join('\n', previous, stream, line.GetProperty("version").GetInt64(), Text("timestamp"), Text("type"),
                Text("dataText"), Text("correlationId") ?? "", Text("causationId") ?? "", Text("userName") ?? "", Text("headersText") ?? "");
            var recomputed = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
            Assert.Equal(Text("hash"), recomputed);
            lastHash[stream] = recomputed;
        }

        var resumeAt = lines[1].GetProperty("sequence").GetInt64();
        var resumed = (await client.GetStringAsync($"/api/membership/audit/events?from={resumeAt}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(resumeAt, JsonDocument.Parse(resumed[0]).RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal(lines.Count - 1, resumed.Length);
    }
    }
}
