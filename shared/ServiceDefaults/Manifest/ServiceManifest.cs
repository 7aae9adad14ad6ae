using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplomacy.ServiceDefaults.Manifest;

/// <summary>One line of <c>deploy/services.json</c>: a service the platform runs.</summary>
/// <param name="Name">The project's name, also the gateway's <c>Services:&lt;Name&gt;</c> key.</param>
/// <param name="Route">The path segment of <c>/api/{route}/...</c> and <c>/openapi/{route}.json</c>; also its writers' key.</param>
/// <param name="Project">The project file, relative to the repository root.</param>
/// <param name="Port">The port it listens on by default.</param>
/// <param name="Database">Its own PostgreSQL database.</param>
/// <param name="Writers">The departments that write it by default (<c>Auth:Writers:&lt;route&gt;</c> overrides).</param>
/// <param name="KeepsStreams">Whether it keeps initiatives as event streams (and so answers the audit door).</param>
public sealed record ManifestService(
    string Name, string Route, string Project, int Port, string Database, IReadOnlyList<string> Writers, bool KeepsStreams)
{
    /// <summary>Where it listens unless configured otherwise.</summary>
    public Uri DefaultAddress => new($"http://127.0.0.1:{Port}");
}

/// <summary>
/// The one list of services, <c>deploy/services.json</c>, embedded in this assembly at build time so that no process or
/// image needs the file at run time. Every script, configuration and test that names services reads it or is checked
/// against it.
/// </summary>
public static class ServiceManifest
{
    /// <summary>The logical name of the embedded copy (ServiceDefaults.csproj).</summary>
    public const string ResourceName = "Diplomacy.services.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<IReadOnlyList<ManifestService>> Embedded = new(ReadEmbedded);

    /// <summary>The services of the manifest this assembly was built with, in the manifest's order.</summary>
    public static IReadOnlyList<ManifestService> Services => Embedded.Value;

    /// <summary>The service whose route is <paramref name="route"/>, or null.</summary>
    public static ManifestService? ByRoute(string route) =>
        Services.FirstOrDefault(s => string.Equals(s.Route, route, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a manifest's text and checks what every reader relies on; throws naming what is wrong.</summary>
    public static IReadOnlyList<ManifestService> Parse(string json)
    {
        var services = JsonSerializer.Deserialize<Document>(json, Options)?.Services
            ?? throw new InvalidDataException("The services manifest has no \"services\" list.");
        foreach (var service in services)
        {
            if (string.IsNullOrWhiteSpace(service.Name) || string.IsNullOrWhiteSpace(service.Route)
                || string.IsNullOrWhiteSpace(service.Project) || string.IsNullOrWhiteSpace(service.Database)
                || service.Writers is null || service.Port is <= 0 or > 65535)
                throw new InvalidDataException($"The services manifest has an incomplete entry: {service}.");
        }
        foreach (var (what, key) in new (string, Func<ManifestService, string>)[]
                 { ("name", s => s.Name), ("route", s => s.Route), ("database", s => s.Database), ("port", s => s.Port.ToString()) })
        {
            if (services.GroupBy(key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new InvalidDataException($"The services manifest names the {what} {twice.Key} more than once.");
        }
        return services;
    }

    private static IReadOnlyList<ManifestService> ReadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private sealed record Document(List<ManifestService>? Services);
}
