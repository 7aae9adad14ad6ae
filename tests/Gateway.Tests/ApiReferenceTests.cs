using System.Net;
using System.Text.RegularExpressions;
using Diplomacy.ServiceDefaults.Manifest;

namespace Diplomacy.Gateway.Tests;

public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task The_api_reference_lists_every_document_without_a_token_and_loads_nothing_from_elsewhere()
    {
        using var gateway = new GatewayFactory();
        using var anonymous = gateway.ClientWith(null);

        var page = await anonymous.GetAsync("/api-docs/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.NotEmpty(ServiceManifest.Services);
        foreach (var service in ServiceManifest.Services)
            Assert.Contains($"/openapi/{service.Route}.json", html);
        Assert.Contains("/asyncapi.json", html);
        // Offline: every script is served by the gateway itself, and the page may not load from anywhere else.
        var scripts = ScriptSources().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.DoesNotContain("//", src));
        foreach (var src in scripts)
        {
            var script = await anonymous.GetAsync($"/api-docs/{src}");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("http", policy);
    }

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSources();
}
