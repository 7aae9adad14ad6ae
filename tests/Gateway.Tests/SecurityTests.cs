using System.Net;
using System.Net.Http.Json;
using System.Text;
using Diplomacy.ServiceDefaults.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Diplomacy.Gateway.Tests;

/// <summary>The gateway as a door: tokens, the access policy before anything is proxied, rate and body limits, headers.</summary>
public sealed class SecurityTests
{
    [Theory]
    [InlineData(Caller.NoToken)]
    [InlineData(Caller.Expired)]
    [InlineData(Caller.WrongSignature)]
    [InlineData(Caller.WrongAudience)]
    public async Task Without_a_valid_token_nothing_is_proxied_and_the_answer_is_401_problem_details(Caller caller)
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });
        using var client = gateway.ClientWith(gateway.Tokens.For(caller, "international-relations", "global-urban-partnership"));

        var response = await client.GetAsync("/api/membership/networks");

        await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task The_policy_of_each_route_is_enforced_before_proxying()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });
        var tokens = gateway.Tokens;

        using var viewer = gateway.ClientWith(tokens.Mint(Roles.Viewer, "international-relations"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/membership/networks")).StatusCode);
        await (await viewer.PostAsync("/api/membership/networks", Json("{}"))).AssertProblem(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync($"/api/membership/networks/{Guid.NewGuid()}/history")).AssertProblem(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync($"/api/audit/initiatives/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.Forbidden);

        using var otherEditor = gateway.ClientWith(tokens.Mint(Roles.Editor, "inter-korean-cooperation"));
        await (await otherEditor.PostAsync("/api/membership/networks", Json("{}"))).AssertProblem(HttpStatusCode.Forbidden);

        using var editor = gateway.ClientWith(tokens.Mint(Roles.Editor, "international-relations"));
        var echo = await (await editor.PostAsync("/api/membership/networks", Json("{}"))).Content.ReadFromJsonAsync<Echo>();
        Assert.Equal("POST", echo!.Method);

        using var auditor = gateway.ClientWith(tokens.Mint(Roles.Auditor));
        await (await auditor.PostAsync("/api/membership/networks", Json("{}"))).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/membership/networks/{Guid.NewGuid()}/history")).StatusCode);
        // The audit door is the auditor's (the stand-in membership service answers every lookup).
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/audit/initiatives/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_token_that_validated_is_remembered_by_its_exact_text_and_its_role_still_decides()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });
        var token = gateway.Tokens.Mint(Roles.Viewer, "international-relations");
        using var viewer = gateway.ClientWith(token);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/membership/networks")).StatusCode);
        Assert.True(gateway.Services.GetRequiredService<ValidatedTokens>().TryGet(token, out _));
        // Answered from what the first request validated: the viewer still reads and still may not write.
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/membership/networks")).StatusCode);
        await (await viewer.PostAsync("/api/membership/networks", Json("{}"))).AssertProblem(HttpStatusCode.Forbidden);

        // The same token with one character of its signature changed is checked again, and refused.
        var at = token.Length - 10;
        using var forged = gateway.ClientWith(string.Concat(token.AsSpan(0, at), token[at] == 'A' ? "B" : "A", token.AsSpan(at + 1)));
        await (await forged.GetAsync("/api/membership/networks")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Each_api_client_is_rate_limited_with_429_and_Retry_After()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string>
        {
            ["Services:Membership"] = membership.Url,
            ["RateLimits:PermitsPerMinute"] = "3",
        });
        using var burst = gateway.ClientWith(gateway.Tokens.Mint(Roles.Viewer, client: "burst"));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await burst.GetAsync("/api/membership/networks")).StatusCode);

        var refused = await burst.GetAsync("/api/membership/networks");

        var problem = await refused.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("3 requests a minute", problem.GetProperty("detail").GetString());
        // Another API client has its own budget, and health probes have none.
        using var other = gateway.ClientWith(gateway.Tokens.Mint(Roles.Viewer, client: "other"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/membership/networks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await burst.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_problem_details_and_not_proxied()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string>
        {
            ["Services:Membership"] = membership.Url,
            ["Limits:MaxRequestBodyBytes"] = "1024",
        });
        using var client = gateway.CreateClient();

        var small = await client.PostAsync("/api/membership/networks", Json($"{{\"name\":\"{new string('a', 900)}\"}}"));
        var large = await client.PostAsync("/api/membership/networks", Json($"{{\"name\":\"{new string('a', 2000)}\"}}"));

        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        await large.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task The_default_body_limit_is_one_mebibyte()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });

        var response = await gateway.CreateClient().PostAsync("/api/membership/networks", Json($"\"{new string('a', 1024 * 1024)}\""));

        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/health/live", true)]
    [InlineData("/api/membership/networks", false)]
    public async Task Every_response_carries_the_security_headers(string path, bool withToken)
    {
        using var gateway = new GatewayFactory();
        using var client = withToken ? gateway.CreateClient() : gateway.ClientWith(null);

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // plain HTTP here
    }

    [Fact]
    public void The_gateway_refuses_to_start_in_production_with_the_development_key()
    {
        using var gateway = new GatewayFactory(environment: "Production");

        var refused = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        var messages = string.Join(" | ", Chain(refused).Select(e => e.Message));
        Assert.Contains("Auth:DevelopmentSigningKey", messages);
        Assert.Contains("Production", messages);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
