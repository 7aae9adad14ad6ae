using System.Text.RegularExpressions;

namespace Diplomacy.Deployment.Tests;

/// <summary>
/// The environment variables a process of the platform reads: the README's Configuration table (kept in step with
/// the code by the services' own tests) plus what ASP.NET Core, MassTransit and the OpenTelemetry SDK read themselves.
/// </summary>
public static partial class Configuration
{
    private static readonly string[] Framework =
    [
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS",
        "MASSTRANSIT_USAGE_TELEMETRY", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
    ];

    /// <summary>Names from the README table; "Auth__Writers__&lt;service&gt;" becomes the prefix "Auth__Writers__".</summary>
    public static IReadOnlyList<string> FromReadme { get; } = ReadReadme();

    public static bool IsKnown(string name) =>
        Framework.Contains(name) || FromReadme.Any(k => k.EndsWith("__", StringComparison.Ordinal)
            ? name.StartsWith(k, StringComparison.Ordinal) && name.Length > k.Length
            : name == k);

    private static List<string> ReadReadme()
    {
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no Configuration section");
        var section = readme[start..];
        var next = section.IndexOf("\n## ", 3, StringComparison.Ordinal);
        if (next > 0) section = section[..next];
        var names = new List<string>();
        foreach (var line in section.Split('\n').Where(l => l.StartsWith('|')))
        {
            var firstCell = line.Split('|')[1];
            names.AddRange(Name().Matches(firstCell).Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>$", "")));
        }
        return names;
    }

    [GeneratedRegex(@"`([A-Za-z_][A-Za-z0-9_]*(?:<[a-z]+>)?)`")]
    private static partial Regex Name();
}
