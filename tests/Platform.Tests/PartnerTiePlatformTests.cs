using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Diplomacy.Contracts.Membership;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Platform.Tests;

/// <summary>A partner-city tie driven through the gateway only, with what the membership service puts on the real broker.</summary>
[Collection("platform")]
public sealed class PartnerTiePlatformTests(PlatformFixture platform)
{
    private const string PartnerCities = "/api/membership/partner-cities";

    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_sister_tie_signed_through_the_gateway_is_published_once_on_the_real_broker()
    {
        await using var signed = await BrokerProbe<PartnerTieSigned>.StartAsync(platform.RabbitMq);
        await using var terminated = await BrokerProbe<PartnerTieTerminated>.StartAsync(platform.RabbitMq);

        var (location, etag) = await ProposeHanoiAsync();
        var id = Guid.Parse(location.ToString().Split('/')[^1]);

        var approval = await Gateway.PostIfMatchAsync($"{location}/council-approval", new { approvedOn = "1996-04" }, etag);
        await approval.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("\"2\"", approval.Headers.ETag?.Tag);

        var agreement = await Gateway.PostIfMatchAsync($"{location}/agreement", new { signedOn = "1996-05" }, approval.Headers.ETag!.Tag);
        await agreement.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("\"3\"", agreement.Headers.ETag?.Tag);
        Assert.Equal("active", (await agreement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var read = await Gateway.GetAsync(location);
        await read.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("\"3\"", read.Headers.ETag?.Tag);
        var tie = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id.ToString(), tie.GetProperty("id").GetString());
        Assert.Equal("active", tie.GetProperty("status").GetString());
        Assert.Equal(3, tie.GetProperty("version").GetInt64());
        Assert.Equal("Hanoi", tie.GetProperty("city").GetString());
        Assert.Equal("1996-05", tie.GetProperty("agreementSignedOn").GetString());

        await Eventually.True(() => Task.FromResult(!signed.Received.IsEmpty), TimeSpan.FromSeconds(20),
            what: $"PartnerTieSigned on {platform.RabbitMq}{Environment.NewLine}{platform.Output}");

        // The relay publishes a stream in order: once the later termination has crossed the broker, a second copy of the
        // signature would have too. Only then is "exactly one" meaningful.
        var termination = await Gateway.PostIfMatchAsync($"{location}/termination", new { terminatedOn = "2020" }, agreement.Headers.ETag!.Tag);
        await termination.AssertStatus(HttpStatusCode.OK);
        await Eventually.True(() => Task.FromResult(!terminated.Received.IsEmpty), TimeSpan.FromSeconds(20),
            what: $"PartnerTieTerminated on {platform.RabbitMq}{Environment.NewLine}{platform.Output}");

        var (messageId, message) = Assert.Single(signed.Received);
        Assert.NotNull(messageId);
        Assert.Equal(
            new { Id = id, City = "Hanoi", Country = "VN", Tie = "sister", SignedOn = "1996-05" },
            new { Id = message.PartnerCityId, message.City, message.Country, message.Tie, message.SignedOn });
        Assert.NotEqual(default, message.OccurredAt);
        var ended = Assert.Single(terminated.Received).Message;
        Assert.Equal((id, "2020"), (ended.PartnerCityId, ended.TerminatedOn));
    }

    [Fact]
    public async Task A_stale_if_match_through_the_gateway_is_412_problem_details_and_changes_nothing()
    {
        var (location, etag) = await ProposeHanoiAsync();
        var approval = await Gateway.PostIfMatchAsync($"{location}/council-approval", new { approvedOn = "1996-04" }, etag);
        await approval.AssertStatus(HttpStatusCode.OK);

        // The ETag of the proposal, read before the approval: version 1 where the tie is now at 2.
        var stale = await Gateway.PostIfMatchAsync($"{location}/agreement", new { signedOn = "1996-05" }, etag);

        await stale.AssertProblem(HttpStatusCode.PreconditionFailed);
        var tie = await Gateway.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal(2, tie.GetProperty("version").GetInt64());
        Assert.Equal("proposed", tie.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_gateway_reports_every_manifest_service_healthy_and_routes_each()
    {
        using var anonymous = platform.GatewayAs(null);

        var response = await anonymous.GetAsync("/health/services");

        await response.AssertStatus(HttpStatusCode.OK);
        var services = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("services").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal(ServiceManifest.Services.Select(s => s.Name).Order(), services.Keys.Order());
        Assert.All(services, s => Assert.Equal("healthy", s.Value));
        foreach (var service in ServiceManifest.Services)
        {
            // Every route reaches its running service: its own OpenAPI document, through the gateway.
            var document = await Gateway.GetAsync($"/openapi/{service.Route}.json");
            await document.AssertStatus(HttpStatusCode.OK);
            Assert.Contains($"\"/api/{service.Route}/", await document.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_gateway_serves_the_membership_openapi_document()
    {
        var response = await Gateway.GetAsync("/openapi/membership.json");

        await response.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"/api/membership/partner-cities\"", text);
        var document = JsonDocument.Parse(text).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty(PartnerCities, out _), "The document has no path " + PartnerCities);
        // No service address inside: clients generated from it must call through the gateway.
        Assert.True(!document.TryGetProperty("servers", out var servers) || servers.GetArrayLength() == 0, servers.ToString());
    }

    /// <summary>Proposes the Hanoi sister tie; returns where it lives (a gateway path) and its ETag.</summary>
    private async Task<(Uri Location, string ETag)> ProposeHanoiAsync()
    {
        var response = await Gateway.PostAsJsonAsync(PartnerCities,
            new { city = "Hanoi", country = "VN", jurisdiction = "city", tie = "sister", proposedOn = "1996" });
        await response.AssertStatus(HttpStatusCode.Created);

        var location = response.Headers.Location;
        Assert.NotNull(location);
        // Through the gateway the location must be the gateway's, never the address of the service behind it.
        var resolved = location.IsAbsoluteUri ? location : new Uri(Gateway.BaseAddress!, location);
        Assert.Equal(Gateway.BaseAddress!.Authority, resolved.Authority);
        Assert.Matches($"^{PartnerCities}/[0-9a-f-]{{36}}$", resolved.AbsolutePath);

        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Equal("\"1\"", etag.Tag);
        return (new Uri(resolved.AbsolutePath, UriKind.Relative), etag.Tag);
    }
}
