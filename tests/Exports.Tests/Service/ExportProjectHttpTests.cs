using Diplomacy.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Diplomacy.Exports.Tests.Service.ExportsServiceFactory;

namespace Diplomacy.Exports.Tests.Service;

public sealed class ExportProjectHttpTests(ExportsServiceFactory service) : IClassFixture<ExportsServiceFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_lead_is_created_and_read_back_with_its_version()
    {
        var (location, etag) = await service.IdentifyAsync(_client);
        Assert.Equal("\"1\"", etag);

        var response = await _client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var project = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(location.ToString().Split('/')[^1], project.GetProperty("id").GetString());
        Assert.Equal("lead", project.GetProperty("status").GetString());
        Assert.Equal("multilateralBank", project.GetProperty("origin").GetString());
        Assert.Equal("CO", project.GetProperty("clientCountry").GetString());
    }

    [Fact]
    public async Task A_project_goes_from_lead_to_closed_over_http()
    {
        var location = await ContractedAsync(service, _client);
        foreach (var (lender, amount) in new[] { ("ifc", 55_000_000), ("kexim", 62_000_000) })
            await OkAsync(_client, $"{location}/financing", new { source = lender, instrument = "loan", amount = new { amount, currency = "USD" } });
        await OkAsync(_client, $"{location}/financing", new
        {
            source = "privateConcession", instrument = "other", amount = new { amount = 59_000_000, currency = "USD" }, note = "commercial",
        });
        var implementing = await OkAsync(_client, $"{location}/milestones", new { name = "Design", percentComplete = 20, reachedOn = "2011-10" });
        Assert.Equal("implementation", implementing.GetProperty("status").GetString());
        await OkAsync(_client, $"{location}/payments", new { amount = new { amount = 10_000_000, currency = "USD" }, receivedOn = "2012" });
        await OkAsync(_client, $"{location}/handover", new { handedOverOn = "2012-06" });
        await OkAsync(_client, $"{location}/operations-start", new { startedOn = "2012-07" });
        var closed = await OkAsync(_client, $"{location}/defects-period-end", new { endedOn = "2014-06" });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var evaluated = await OkAsync(_client, $"{location}/post-evaluation", new { rating = "successful", evaluatedOn = "2015" });
        Assert.Equal("successful", evaluated.GetProperty("postEvaluation").GetProperty("rating").GetString());

        var (followOn, _) = await service.IdentifyAsync(_client);
        var linked = await OkAsync(_client, $"{location}/follow-on", new { followOnProjectId = followOn.ToString().Split('/')[^1] });
        Assert.Single(linked.GetProperty("followOnProjects").EnumerateArray());
        Assert.Equal(13, linked.GetProperty("version").GetInt64());
    }

    // ---- 409: each rule, nothing appended

    [Fact]
    public async Task A_contract_without_a_proposal_is_409_and_appends_nothing()
    {
        var (location, _) = await service.IdentifyAsync(_client);
        var before = await service.CountEventsAsync();
        var response = await _client.PostAsJsonAsync($"{location}/contract", new { value = new { amount = 1, currency = "USD" }, signedOn = "2011" });
        var problem = await HttpAssert.Problem(response, HttpStatusCode.Conflict);
        Assert.Contains("proposal", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task Implementation_without_covering_financing_in_the_contract_currency_is_409_and_appends_nothing()
    {
        var location = await ContractedAsync(service, _client);
        await OkAsync(_client, $"{location}/financing", new { source = "ifc", instrument = "loan", amount = new { amount = 100_000_000, currency = "USD" } });
        // Plenty of won, but never converted.
        await OkAsync(_client, $"{location}/financing", new
        {
            source = "smgOda", instrument = "grant", amount = new { amount = 900_000_000_000m, currency = "KRW" },
        });
        var before = await service.CountEventsAsync();

        var response = await _client.PostAsJsonAsync($"{location}/milestones", new { name = "Start", percentComplete = 5, reachedOn = "2011-09" });

        var problem = await HttpAssert.Problem(response, HttpStatusCode.Conflict);
        Assert.Contains("never converted", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task Percent_complete_going_down_is_409_and_payments_after_closure_are_409()
    {
        var location = await ContractedAsync(service, _client);
        await OkAsync(_client, $"{location}/financing", new { source = "kexim", instrument = "loan", amount = new { amount = 176_000_000, currency = "USD" } });
        await OkAsync(_client, $"{location}/milestones", new { name = "Half", percentComplete = 50, reachedOn = "2012" });
        var before = await service.CountEventsAsync();
        await HttpAssert.Problem(await _client.PostAsJsonAsync($"{location}/milestones", new { name = "Back", percentComplete = 40, reachedOn = "2012" }),
            HttpStatusCode.Conflict);
        Assert.Equal(before, await service.CountEventsAsync());

        await OkAsync(_client, $"{location}/handover", new { handedOverOn = "2012-06" });
        await OkAsync(_client, $"{location}/defects-period-end", new { endedOn = "2014" });
        before = await service.CountEventsAsync();
        await HttpAssert.Problem(await _client.PostAsJsonAsync($"{location}/payments",
            new { amount = new { amount = 1, currency = "USD" }, receivedOn = "2015" }), HttpStatusCode.Conflict);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task A_second_lead_for_the_same_exchange_is_409()
    {
        var exchange = Guid.NewGuid();
        var body = new { solution = "Transit card", clientCity = "Ulaanbaatar", clientCountry = "MN", origin = "policySharing", exchangeId = exchange };
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync(ProjectsPath, body)).StatusCode);
        var before = await service.CountEventsAsync();
        await HttpAssert.Problem(await _client.PostAsJsonAsync(ProjectsPath, body), HttpStatusCode.Conflict);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    // ---- 412 and 404

    [Fact]
    public async Task A_stale_if_match_is_412_and_appends_nothing()
    {
        var (location, etag) = await service.IdentifyAsync(_client);
        await OkAsync(_client, $"{location}/qualification", new { qualifiedOn = "2010-06" });
        var before = await service.CountEventsAsync();

        var response = await _client.PostIfMatchAsync($"{location}/proposal", new { value = new { amount = 5, currency = "USD" }, submittedOn = "2011" }, etag);

        await HttpAssert.Problem(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Fact]
    public async Task The_current_if_match_is_accepted()
    {
        var (location, etag) = await service.IdentifyAsync(_client);
        var response = await _client.PostIfMatchAsync($"{location}/qualification", new { qualifiedOn = "2010" }, etag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_unknown_project_is_404()
    {
        await HttpAssert.Problem(await _client.GetAsync($"{ProjectsPath}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await HttpAssert.Problem(await _client.PostAsJsonAsync($"{ProjectsPath}/{Guid.NewGuid()}/qualification", new { qualifiedOn = "2010" }),
            HttpStatusCode.NotFound);
    }

    // ---- 400 naming the field, nothing appended

    public static TheoryData<string, string, string> InvalidRequests => new()
    {
        { "", """{"solution":"Transit card","clientCity":"Lima","clientCountry":"XX","origin":"odaChallenge"}""", "clientCountry" },
        { "", """{"solution":"Transit card","clientCity":"Lima","clientCountry":"PE","origin":"rumour"}""", "origin" },
        { "", """{"solution":"Transit card","clientCity":"Lima","clientCountry":"PE","origin":"odaChallenge","identifiedOn":"2024-13"}""", "identifiedOn" },
        { "", """{"solution":"Transit card","clientCity":"Lima","clientCountry":"PE","origin":"policySharing"}""", "exchangeId" },
        { "", """{"clientCity":"Lima","clientCountry":"PE","origin":"odaChallenge"}""", "solution" },
        { "", """{"solution":"Transit card","clientCity":"Lima","clientCountry":"PE","origin":"odaChallenge","estimatedValue":{"amount":-3,"currency":"KRW"}}""", "estimatedValue.amount" },
        { "", "not json at all", "body" },
        { "/financing", """{"source":"bankOfMars","instrument":"loan","amount":{"amount":1,"currency":"USD"}}""", "source" },
        { "/financing", """{"source":"ifc","instrument":"loan","amount":{"amount":1,"currency":"XYZ"}}""", "amount.currency" },
        { "/financing", """{"source":"ifc","instrument":"loan","amount":{"amount":-1,"currency":"USD"}}""", "amount.amount" },
        { "/proposal", """{"value":{"amount":-100,"currency":"USD"},"submittedOn":"2011"}""", "value.amount" },
        { "/proposal", """{"value":{"amount":100,"currency":"USD"},"submittedOn":"11-03-2011"}""", "submittedOn" },
        { "/proposal", """{"value":{"amount":"100","currency":"USD"},"submittedOn":"2011"}""", "value.amount" },
        { "/milestones", """{"name":"x","percentComplete":120,"reachedOn":"2012"}""", "percentComplete" },
        { "/contract", """{"value":{"amount":1,"currency":"USD"},"signedOn":"2011","consortium":[{"firm":" ","role":"lead"}]}""", "consortium[0].firm" },
        { "/loss", "{\"lostOn\":\"2011\"}", "reason" },
        { "/follow-on", $$"""{"followOnProjectId":"{{Guid.NewGuid()}}"}""", "followOnProjectId" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_input_is_400_naming_the_field_and_appends_nothing(string command, string body, string field)
    {
        var path = ProjectsPath;
        if (command.Length > 0) path = $"{(await service.IdentifyAsync(_client)).Location}{command}";
        var before = await service.CountEventsAsync();
        var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        await HttpAssert.NamesField(response, field);
        Assert.Equal(before, await service.CountEventsAsync());
    }

    [Theory]
    [InlineData("country=XX", "country")]
    [InlineData("financingSource=bankOfMars", "financingSource")]
    [InlineData("status=dreaming", "status")]
    [InlineData("origin=rumour", "origin")]
    public async Task An_invalid_list_filter_is_400_naming_it(string query, string field) =>
        await HttpAssert.NamesField(await _client.GetAsync($"{ProjectsPath}?{query}"), field);

    // ---- reads

    [Fact]
    public async Task Projects_are_listed_by_country_solution_financing_source_and_status()
    {
        var city = $"City {Guid.NewGuid():N}";
        var location = await ContractedAsync(service, _client, city);
        await OkAsync(_client, $"{location}/financing", new { source = "idb", instrument = "loan", amount = new { amount = 1, currency = "USD" } });
        var id = location.ToString().Split('/')[^1];

        async Task<List<string>> Ids(string query) =>
            [.. (await _client.GetFromJsonAsync<JsonElement>($"{ProjectsPath}?{query}&pageSize=200")).GetProperty("items").EnumerateArray()
                .Select(p => p.GetProperty("id").GetString()!)];

        Assert.Contains(id, await Ids("country=CO"));
        Assert.DoesNotContain(id, await Ids("country=PE"));
        Assert.Contains(id, await Ids("solution=fare%20collection"));
        Assert.DoesNotContain(id, await Ids("solution=water"));
        Assert.Contains(id, await Ids("financingSource=idb"));
        Assert.DoesNotContain(id, await Ids("financingSource=adb"));
        Assert.Contains(id, await Ids("status=contracted"));
        Assert.DoesNotContain(id, await Ids("status=lead"));
        Assert.Contains(id, await Ids("fromPolicySharing=false"));
        Assert.DoesNotContain(id, await Ids("fromPolicySharing=true"));
    }

    [Fact]
    public async Task A_listed_project_is_the_project_read_by_id_without_its_null_fields()
    {
        const string country = "KH";   // a country no other test of this class uses: the project is on the first page
        var location = await ContractedAsync(service, _client, "서울 \"Seoul\"\n<City>", country);
        await OkAsync(_client, $"{location}/financing", new { source = "idb", instrument = "loan", amount = new { amount = 1.5m, currency = "USD" } });
        var id = location.ToString().Split('/')[^1];

        var listed = await _client.GetStringAsync($"{ProjectsPath}?country={country}");
        var item = JsonDocument.Parse(listed).RootElement.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
        var read = await _client.GetFromJsonAsync<JsonElement>(location);
        Assert.True(JsonElement.DeepEquals(read, item), $"listed {item}\nread {read}");
        // Stored documents keep their nulls; the API leaves them out, in lists as in reads.
        Assert.DoesNotContain(":null", listed);
        Assert.Equal(1.5m, item.GetProperty("financing")[0].GetProperty("amount").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_page_tells_the_total_whether_it_is_full_partial_or_past_the_end()
    {
        const string country = "FJ";   // a country no other test of this class uses
        for (var i = 0; i < 3; i++) await service.IdentifyAsync(_client, "Suva", country);

        async Task<(int Items, long Total, long Pages)> PageAsync(string paging)
        {
            var page = await _client.GetFromJsonAsync<JsonElement>($"{ProjectsPath}?country={country}&{paging}");
            return (page.GetProperty("items").GetArrayLength(), page.GetProperty("totalItems").GetInt64(), page.GetProperty("totalPages").GetInt64());
        }

        Assert.Equal((2, 3L, 2L), await PageAsync("pageSize=2"));
        Assert.Equal((1, 3L, 2L), await PageAsync("pageSize=2&page=2"));
        Assert.Equal((0, 3L, 2L), await PageAsync("pageSize=2&page=3"));
        Assert.Equal((3, 3L, 1L), await PageAsync("pageSize=3"));
        Assert.Equal((0, 3L, 1L), await PageAsync($"pageSize=200&page={int.MaxValue}"));
        Assert.Equal((0, 0L, 0L), await PageAsync("pageSize=2&solution=nothing%20like%20it"));
    }

    [Fact]
    public async Task The_pipeline_sums_value_per_stage_and_currency()
    {
        var country = "UY";   // a country no other test of this class uses
        foreach (var (amount, currency) in new[] { (100, "USD"), (50, "USD"), (7, "KRW") })
        {
            var response = await _client.PostAsJsonAsync(ProjectsPath, new
            {
                solution = "Metro consulting", clientCity = "Montevideo", clientCountry = country, origin = "partnerRequest",
                estimatedValue = new { amount, currency },
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync(ProjectsPath,
            new { solution = "Metro consulting", clientCity = "Montevideo", clientCountry = country, origin = "partnerRequest" })).StatusCode);

        var pipeline = await _client.GetFromJsonAsync<JsonElement>($"/api/exports/pipeline?country={country}");
        var lead = Assert.Single(pipeline.GetProperty("stages").EnumerateArray());
        Assert.Equal("lead", lead.GetProperty("stage").GetString());
        Assert.Equal(4, lead.GetProperty("projects").GetInt32());
        Assert.Equal(1, lead.GetProperty("withoutValue").GetInt32());
        var values = lead.GetProperty("value").EnumerateArray()
            .ToDictionary(v => v.GetProperty("currency").GetString()!, v => v.GetProperty("amount").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["KRW"] = 7, ["USD"] = 150 }, values);

        await HttpAssert.NamesField(await _client.GetAsync("/api/exports/pipeline?country=ZZ"), "country");
    }
}
