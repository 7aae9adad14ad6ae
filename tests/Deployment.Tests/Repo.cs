using System.Diagnostics;
using Diplomacy.ServiceDefaults.Manifest;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Diplomacy.Deployment.Tests;

/// <summary>The repository's deployment files, read from the checkout the tests were built from.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>deploy/services.json as it is on disk now (the build embeds the same file in ServiceDefaults).</summary>
    public const string ManifestFile = "deploy/services.json";

    public static IReadOnlyList<ManifestService> Manifest => ServiceManifest.Parse(File.ReadAllText(PathOf(ManifestFile)));

    /// <summary>Every service of the manifest, by its name.</summary>
    public static IReadOnlyList<string> ServiceNames => Manifest.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>The lower-case name of a service: its database, compose service, Deployment and Service.</summary>
    public static string Lower(string service) => service.ToLowerInvariant();

    /// <summary>YAML documents of a file (merge keys resolved) as dictionaries, lists and strings.</summary>
    public static IReadOnlyList<Dictionary<object, object>> LoadYaml(string relative)
    {
        using var reader = new StringReader(File.ReadAllText(PathOf(relative)));
        var parser = new MergingParser(new Parser(reader));
        var deserializer = new DeserializerBuilder().Build();
        var docs = new List<Dictionary<object, object>>();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var doc = deserializer.Deserialize<object?>(parser);
            if (doc is Dictionary<object, object> map) docs.Add(map);
            else Assert.Null(doc); // an empty document is fine, anything else is not a manifest
        }
        return docs;
    }

    public static Dictionary<object, object> Compose => LoadYaml("docker-compose.yml").Single();

    /// <summary>The .NET processes of docker-compose.yml: the services built from the repository.</summary>
    public static Dictionary<string, Dictionary<object, object>> ComposeDotnetServices =>
        Map(Compose["services"]).Where(kv => Map(kv.Value).ContainsKey("build"))
            .ToDictionary(kv => (string)kv.Key, kv => Map(kv.Value));

    public static IEnumerable<string> K8sFiles => Directory.EnumerateFiles(PathOf("deploy/k8s"), "*.yaml", SearchOption.AllDirectories)
        .Concat(Directory.EnumerateFiles(PathOf("deploy/k8s"), "*.yml", SearchOption.AllDirectories))
        .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

    /// <summary>Every manifest of the base and the overlays, except the kustomization files themselves.</summary>
    public static IReadOnlyList<(string File, Dictionary<object, object> Doc)> K8sManifests =>
        K8sFiles.Where(f => Path.GetFileName(f) is not ("kustomization.yaml" or "kustomization.yml"))
            .SelectMany(f => LoadYaml(f).Select(d => (f, d))).ToList();

    public static IEnumerable<Dictionary<object, object>> K8sOfKind(string kind) =>
        K8sManifests.Where(m => Str(m.Doc, "kind") == kind).Select(m => m.Doc);

    public static Dictionary<object, object> DeploymentNamed(string name) =>
        Assert.Single(K8sOfKind("Deployment"), d => Str(Map(d["metadata"]), "name") == name);

    public static Dictionary<object, object> Container(Dictionary<object, object> deployment) =>
        Map(List(Map(Map(Map(deployment["spec"])["template"])["spec"])["containers"]).Single());

    /// <summary>name → value (null for valueFrom) of a container's env list.</summary>
    public static Dictionary<string, string?> ContainerEnv(Dictionary<object, object> container) =>
        container.TryGetValue("env", out var env) && env is List<object> list
            ? list.Select(Map).ToDictionary(e => (string)e["name"], e => e.TryGetValue("value", out var v) ? v as string : null)
            : [];

    /// <summary>The literals (KEY=value) of every configMapGenerator in deploy/k8s.</summary>
    public static Dictionary<string, string> ConfigMapLiterals(string kustomization) =>
        LoadYaml(kustomization).Single().TryGetValue("configMapGenerator", out var gens)
            ? List(gens).Select(Map).SelectMany(g => g.TryGetValue("literals", out var l) ? List(l).Cast<string>() : [])
                .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1])
            : [];

    /// <summary>
    /// What deploy/lib/env.sh makes of the manifest, asked of bash itself: per service its port (service_port), route,
    /// database and project, plus GATEWAY_PORT as "gateway". Port overrides of the calling environment are cleared.
    /// </summary>
    public static Dictionary<string, (int Port, string Route, string Database, string Project)> EnvSh()
    {
        const string script = """
            source deploy/lib/env.sh || exit 1
            for s in "${SERVICES[@]}"; do
                printf '%s\t%s\t%s\t%s\t%s\n' "$s" "$(service_port "$s")" "$(service_route "$s")" "$(service_db "$s")" "$(service_project "$s")"
            done
            printf 'gateway\t%s\t\t\t\n' "$GATEWAY_PORT"
            """;
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.EndsWith("_PORT", StringComparison.Ordinal) || k == "SERVICES_MANIFEST").ToList())
            start.Environment.Remove(key);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(process.WaitForExit(30_000), "sourcing deploy/lib/env.sh did not finish within 30 s");
        Assert.True(process.ExitCode == 0, $"sourcing deploy/lib/env.sh failed: {stderr.Result}");
        return lines.Select(l => l.Split('\t')).ToDictionary(p => p[0], p => (int.Parse(p[1]), p[2], p[3], p[4]));
    }

    /// <summary>Ports of deploy/lib/env.sh: service name → port (service_port), plus GATEWAY_PORT as "gateway".</summary>
    public static Dictionary<string, int> EnvShPorts() => EnvSh().ToDictionary(kv => kv.Key, kv => kv.Value.Port);

    /// <summary>The service names the gateway knows: those of the manifest it is built with.</summary>
    public static IReadOnlyList<string> GatewayServiceNames() => ServiceManifest.Services.Select(s => s.Name).ToList();

    public static Dictionary<object, object> Map(object? o) => Assert.IsType<Dictionary<object, object>>(o);
    public static List<object> List(object? o) => Assert.IsType<List<object>>(o);
    public static string? Str(Dictionary<object, object> map, string key) => map.TryGetValue(key, out var v) ? v as string : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Diplomacy.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Diplomacy.slnx not found above " + AppContext.BaseDirectory);
    }
}
