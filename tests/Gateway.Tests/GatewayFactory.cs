using System.Net.Http.Headers;
using Diplomacy.ServiceDefaults.Manifest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diplomacy.Gateway.Tests;

/// <summary>
/// The gateway in memory. Every manifest service points at a closed port unless the test names its address, so no test
/// ever reaches whatever happens to run on the manifest's default ports. It trusts tokens of its own development key
/// (<see cref="Tokens"/>); its clients carry an admin token unless the test takes it away.
/// </summary>
public sealed class GatewayFactory(IReadOnlyDictionary<string, string>? settings = null, string environment = "Development")
    : WebApplicationFactory<Program>
{
    public TestTokens Tokens { get; } = TestTokens.WithNewKey();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Auth:DevelopmentSigningKey", Tokens.Key);
        foreach (var service in ServiceManifest.Services)
            builder.UseSetting($"Services:{service.Name}", Downstream.ClosedAddress());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Admin());
    }

    /// <summary>A client that sends <paramref name="token"/>, or no token at all.</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
