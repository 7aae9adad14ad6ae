using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Diplomacy.Deployment.Tests;

/// <summary>The repository's deployment files, read from the checkout the tests were built from.</summary>
public static partial class Repo
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Every service project: services/&lt;Name&gt;/&lt;Name&gt;.csproj.</summary>
    public static IReadOnlyList<string> ServiceNames { get; } = Directory.GetDirectories(PathOf("services"))
        .Select(Path.GetFileName).OfType<string>()
        .Where(n => File.Exists(PathOf($"services/{n}/{n}.csproj")))
        .Order(StringComparer.Ordinal).ToList();

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

    /// <summary>Ports of deploy/lib/env.sh: service name → port (service_port), plus GATEWAY_PORT as "gateway".</summary>
    public static Dictionary<string, int> EnvShPorts()
    {
        var text = File.ReadAllText(PathOf("deploy/lib/env.sh"));
        var vars = PortVariable().Matches(text).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        var body = text[text.IndexOf("service_port()", StringComparison.Ordinal)..];
        body = body[..body.IndexOf("esac", StringComparison.Ordinal)];
        var ports = CaseBranch().Matches(body).ToDictionary(m => m.Groups[1].Value, m => vars[m.Groups[2].Value]);
        ports["gateway"] = vars["GATEWAY_PORT"];
        return ports;
    }

    /// <summary>The service names the gateway knows (its appsettings.json "Services" section).</summary>
    public static IReadOnlyList<string> GatewayServiceNames()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf("gateway/appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return doc.RootElement.GetProperty("Services").EnumerateObject().Select(p => p.Name).ToList();
    }

    public static Dictionary<object, object> Map(object? o) => Assert.IsType<Dictionary<object, object>>(o);
    public static List<object> List(object? o) => Assert.IsType<List<object>>(o);
    public static string? Str(Dictionary<object, object> map, string key) => map.TryGetValue(key, out var v) ? v as string : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Diplomacy.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Diplomacy.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^(\w+_PORT)=""\$\{\w+:-(\d+)\}""", RegexOptions.Multiline)]
    private static partial Regex PortVariable();

    [GeneratedRegex(@"(\w+)\)\s*echo\s+""\$(\w+)""")]
    private static partial Regex CaseBranch();
}
