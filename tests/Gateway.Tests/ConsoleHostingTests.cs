using System.Net;
using System.Text.Json;

namespace Diplomacy.Gateway.Tests;

/// <summary>The web console at /: its files and index.html for its own paths, anonymous, under a CSP of its own.</summary>
public sealed class ConsoleHostingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("console-root").FullName;

    public ConsoleHostingTests()
    {
        File.WriteAllText(Path.Combine(_root, "index.html"), "<!doctype html><title>console</title>");
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        File.WriteAllText(Path.Combine(_root, "assets", "app-1234.js"), "console.log(1)");
    }

    private GatewayFactory Gateway() => new(new Dictionary<string, string>
    {
        ["Console:Root"] = _root,
        ["Auth:Authority"] = "",
    });

    [Theory]
    [InlineData("/")]
    [InlineData("/lists/membership/partner-cities")]
    [InlineData("/initiatives/membership/partner-cities/0190a1b2-0000-7000-8000-000000000001")]
    public async Task Its_paths_answer_index_html_without_a_token_under_the_console_csp(string path)
    {
        using var gateway = Gateway();
        using var client = gateway.ClientWith(null);
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>console</title>", await response.Content.ReadAsStringAsync());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe", csp);
    }

    [Fact]
    public async Task Its_files_are_served_and_its_config_names_the_manifest_services()
    {
        using var gateway = Gateway();
        using var client = gateway.ClientWith(null);
        using var script = await client.GetAsync("/assets/app-1234.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("immutable", script.Headers.CacheControl?.ToString());

        var config = JsonDocument.Parse(await client.GetStringAsync("/console-config.json")).RootElement;
        Assert.Equal("console", config.GetProperty("clientId").GetString());
        Assert.Contains(config.GetProperty("services").EnumerateArray(), s => s.GetProperty("route").GetString() == "membership");
    }

    [Theory]
    [InlineData("/api/membership/networks")]
    [InlineData("/api/nothing-here")]
    [InlineData("/openapi/nothing.json")]
    public async Task Api_paths_are_never_the_console_and_keep_the_api_csp(string path)
    {
        using var gateway = Gateway();
        using var client = gateway.ClientWith(null);
        using var response = await client.GetAsync(path);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<title>console</title>", await response.Content.ReadAsStringAsync());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
