using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.ServiceDefaults.Security;

namespace Diplomacy.Platform.Tests;

/// <summary>
/// The authorization matrix through the gateway and around it (straight to each service, as a caller who bypasses the
/// gateway would), over every route each service publishes in its OpenAPI document; and the identity every appended
/// event records.
/// </summary>
[Collection("platform")]
public sealed class AuthPlatformTests(PlatformFixture platform)
{
    /// <summary>Per service: its folder, its path segment, its collection, the department that writes it and one that does not.</summary>
    public static readonly TheoryData<string, string, string, string, string> Services = new()
    {
        { "Membership", "membership", "networks", "international-relations", "global-urban-partnership" },
        { "Exchanges", "exchanges", "policies", "global-urban-partnership", "inter-korean-cooperation" },
        { "PeaceBuilding", "peace", "programs", "inter-korean-cooperation", "international-relations" },
        { "Exports", "exports", "projects", "global-urban-partnership", "international-relations" },
    };

    /// <summary>
    /// Every route and method of the service's OpenAPI document, as the gateway publishes it, with its parameters filled
    /// in (and each GET of one stream also as a replay), plus the routes below.
    /// </summary>
    private async Task<IReadOnlyList<MatrixRoute>> RoutesOfAsync(string segment, string collection)
    {
        using var anonymous = platform.GatewayAs(null);
        var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{segment}.json");
        var routes = new List<MatrixRoute>(KnownRoutesOf(segment, collection));
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var filled = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", _ => Guid.NewGuid().ToString());
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var method = operation.Name.ToUpperInvariant();
                routes.Add(new MatrixRoute(method, filled, path.Name));
                if (method == "GET" && path.Name.EndsWith("{id}", StringComparison.Ordinal))
                    routes.Add(new MatrixRoute(method, filled + "?version=1", path.Name));
            }
        }
        Assert.True(routes.Count(r => r.Method == "POST") >= 3, $"The {segment} document lists too few commands.");
        return routes.DistinctBy(r => $"{r.Method} {r.Pattern} {r.Path.Contains('?')}").ToList();
    }

    private static IReadOnlyList<MatrixRoute> KnownRoutesOf(string segment, string collection)
    {
        var list = $"/api/{segment}/{collection}";
        var one = $"{list}/{Guid.NewGuid()}";
        return
        [
            new("GET", list, list),
            new("GET", one, one),
            new("GET", $"{one}?version=1", one),
            new("GET", $"{one}/history", $"{one}/history"),
            new("GET", $"{one}/verify", $"{one}/verify"),
            new("GET", $"/api/{segment}/audit/streams/{Guid.NewGuid()}", $"/api/{segment}/audit/streams/{{id}}"),
            new("POST", list, list),
            new("POST", $"{one}/suspension", $"{one}/suspension"),
        ];
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Through_the_gateway_every_caller_gets_exactly_what_the_policy_says(
        string service, string segment, string collection, string owner, string other)
    {
        Assert.True(platform.Has(service), $"The platform runs without {service}.");
        using var client = platform.GatewayAs(null);

        var failures = await AuthorizationMatrix.RunAsync(client, await RoutesOfAsync(segment, collection), platform.Tokens, owner, other);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Straight_to_the_service_bypassing_the_gateway_every_caller_gets_the_same(
        string service, string segment, string collection, string owner, string other)
    {
        Assert.True(platform.Has(service), $"The platform runs without {service}.");
        using var client = new HttpClient { BaseAddress = platform.ServiceUrls[service], Timeout = TimeSpan.FromSeconds(30) };

        var failures = await AuthorizationMatrix.RunAsync(client, await RoutesOfAsync(segment, collection), platform.Tokens, owner, other);

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task The_audit_door_is_for_auditors_and_admins()
    {
        using var client = platform.GatewayAs(null);
        var door = $"/api/audit/initiatives/{Guid.NewGuid()}";

        var failures = await AuthorizationMatrix.RunAsync(client, [new MatrixRoute("GET", door, "/api/audit/initiatives/{id}")],
            platform.Tokens, "international-relations", "global-urban-partnership");

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task An_event_appended_through_the_gateway_records_the_callers_user_department_and_client_from_the_token()
    {
        using var editor = platform.GatewayAs(platform.Tokens.Mint(Roles.Editor, "international-relations", client: "ir-erp-sync", user: "kim.jiyoung"));
        var acronym = $"T{Random.Shared.Next(100_000, 999_999)}";

        // A body that claims another identity changes nothing: identity comes from the token only.
        var created = await editor.PostAsJsonAsync("/api/membership/networks", new
        {
            acronym, name = $"Test network {acronym}", founded = 2005, headquartersCity = "London", headquartersCountry = "GB",
            themes = new[] { "climate" }, user = "someone-else", department = "forged", client = "forged",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var history = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/membership/networks/{id}/history");
        var metadata = history.GetProperty("items")[0].GetProperty("metadata");
        Assert.Equal("kim.jiyoung", metadata.GetProperty("user").GetString());
        Assert.Equal("international-relations", metadata.GetProperty("department").GetString());
        Assert.Equal("ir-erp-sync", metadata.GetProperty("client").GetString());
    }
}
