using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Diplomacy.Gateway.Tests;

public sealed class ForwardingTests
{
    [Fact]
    public async Task A_get_reaches_the_service_with_the_same_method_path_and_query()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });

        var echo = await gateway.CreateClient().GetFromJsonAsync<Echo>("/api/membership/networks?x=1");

        Assert.NotNull(echo);
        Assert.Equal("GET", echo.Method);
        Assert.Equal("/api/membership/networks", echo.Path);
        Assert.Equal("?x=1", echo.Query);
        Assert.Equal("", echo.Body);
        Assert.Equal("http", echo.ForwardedProto);
    }

    [Fact]
    public async Task A_post_reaches_the_service_with_its_json_body()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });
        const string json = """{"name":"Asian Mayors Forum","founded":2015}""";

        var response = await gateway.CreateClient().PostAsync(
            "/api/membership/networks?x=1", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();
        Assert.NotNull(echo);
        Assert.Equal("POST", echo.Method);
        Assert.Equal("/api/membership/networks", echo.Path);
        Assert.Equal("?x=1", echo.Query);
        Assert.StartsWith("application/json", echo.ContentType);
        Assert.Equal(json, echo.Body);
    }

    [Fact]
    public async Task The_forwarded_request_carries_a_traceparent()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });

        var echo = await gateway.CreateClient().GetFromJsonAsync<Echo>("/api/membership/networks");

        Assert.NotNull(echo);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", echo.TraceParent);
    }

    [Fact]
    public async Task The_forwarded_request_continues_the_callers_trace()
    {
        await using var membership = await Downstream.StartAsync();
        using var gateway = new GatewayFactory(new Dictionary<string, string> { ["Services:Membership"] = membership.Url });
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        const string callerSpan = "b7ad6b7169203331";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/membership/networks");
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        var response = await gateway.CreateClient().SendAsync(request);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();

        Assert.NotNull(echo);
        Assert.StartsWith($"00-{traceId}-", echo.TraceParent);
        Assert.DoesNotContain(callerSpan, echo.TraceParent);
    }

    [Fact]
    public async Task An_unknown_path_is_404_problem_details()
    {
        using var gateway = new GatewayFactory();

        var response = await gateway.CreateClient().GetAsync("/api/nothing");

        await response.AssertProblem(HttpStatusCode.NotFound);
    }
}
