using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Diplomacy.Gateway.Tests;

/// <summary>
/// The gateway in memory. Every service points at a closed port unless the test names its address, so no test ever
/// reaches whatever happens to run on the default ports 5101-5105.
/// </summary>
public sealed class GatewayFactory(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    private static readonly string[] ServiceKeys = ["Membership", "Exchanges", "PeaceBuilding", "Exports", "Portfolio"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var service in ServiceKeys)
            builder.UseSetting($"Services:{service}", Downstream.ClosedAddress());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }
}
