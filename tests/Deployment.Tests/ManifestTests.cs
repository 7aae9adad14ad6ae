using System.Text.RegularExpressions;
using Diplomacy.ServiceDefaults.Manifest;
using static Diplomacy.Deployment.Tests.Repo;

namespace Diplomacy.Deployment.Tests;

/// <summary>
/// deploy/services.json is the one list of services: every file that names services must name exactly those. Each case
/// reads one file and fails naming it, with what it lacks and what it has that the manifest does not list.
/// </summary>
public partial class ManifestTests
{
    /// <summary>Each file that names services, with the names it should hold for one manifest service.</summary>
    private static readonly Dictionary<string, (Func<ManifestService, string> Expected, Func<IEnumerable<string>> Found)> Files = new()
    {
        ["services/"] = (s => s.Project, () => Directory.GetDirectories(PathOf("services")).Select(Path.GetFileName).OfType<string>()
            .Where(n => File.Exists(PathOf($"services/{n}/{n}.csproj"))).Select(n => $"services/{n}/{n}.csproj")),
        ["Diplomacy.slnx"] = (s => s.Project, () => SlnxProject().Matches(File.ReadAllText(PathOf("Diplomacy.slnx")))
            .Select(m => m.Groups[1].Value).Where(p => p.StartsWith("services/", StringComparison.Ordinal))),
        ["README.md"] = (s => $"/api/{s.Route}", () => ApiRoute().Matches(File.ReadAllText(PathOf("README.md")))
            .Select(m => m.Groups[0].Value).Where(r => r != "/api/audit").Distinct()),
        ["docker-compose.yml"] = (s => Lower(s.Name), () => ComposeDotnetServices.Keys.Where(k => k != "gateway")),
        ["docker-compose.yml (gateway Services__*)"] = (s => $"Services__{s.Name}",
            () => Map(ComposeDotnetServices["gateway"]["environment"]).Keys.Cast<string>().Where(k => k.StartsWith("Services__", StringComparison.Ordinal))),
        ["deploy/docker/postgres-init.sql"] = (s => s.Database, () => CreateDatabase().Matches(File.ReadAllText(PathOf("deploy/docker/postgres-init.sql")))
            .Select(m => m.Groups[1].Value)),
        ["deploy/k8s/base/kustomization.yaml"] = (s => $"{Lower(s.Name)}.yaml", () => List(LoadYaml("deploy/k8s/base/kustomization.yaml").Single()["resources"])
            .Cast<string>().Where(r => r is not ("postgres.yaml" or "rabbitmq.yaml" or "gateway.yaml" or "ingress.yaml"))),
        ["deploy/k8s/base (Deployment)"] = (s => Lower(s.Name), () => K8sNames("Deployment")),
        ["deploy/k8s/base (Service)"] = (s => Lower(s.Name), () => K8sNames("Service")),
        ["deploy/k8s/base (HorizontalPodAutoscaler)"] = (s => Lower(s.Name), () => K8sNames("HorizontalPodAutoscaler")),
        ["deploy/k8s/base (PodDisruptionBudget)"] = (s => Lower(s.Name), () => K8sNames("PodDisruptionBudget")),
        ["deploy/k8s/base/gateway.yaml (Services__*)"] = (s => $"Services__{s.Name}",
            () => ContainerEnv(Container(DeploymentNamed("gateway"))).Keys.Where(k => k.StartsWith("Services__", StringComparison.Ordinal))),
        ["deploy/k8s/base/postgres.yaml (CloudNativePG databases)"] = (s => s.Database, PostgresClusterDatabases),
        ["deploy/k8s/overlays/production/kustomization.yaml (images)"] = (s => $"diplomacy/{Lower(s.Name)}",
            () => List(LoadYaml("deploy/k8s/overlays/production/kustomization.yaml").Single()["images"]).Select(Map).Select(i => Str(i, "name")!)
                .Where(n => n != "diplomacy/gateway")),
    };

    public static TheoryData<string> FileNames => [.. Files.Keys];

    [Theory]
    [MemberData(nameof(FileNames))]
    public void The_file_names_every_manifest_service_and_no_other(string file)
    {
        var (expected, found) = Files[file];
        var want = Manifest.Select(expected).ToHashSet(StringComparer.Ordinal);
        var have = found().ToHashSet(StringComparer.Ordinal);
        var missing = want.Except(have).Order().ToList();
        var extra = have.Except(want).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{file} does not match {ManifestFile}:" +
            (missing.Count > 0 ? $" missing {string.Join(", ", missing)};" : "") +
            (extra.Count > 0 ? $" names {string.Join(", ", extra)}, which the manifest does not list;" : ""));
    }

    [Fact]
    public void Env_sh_gives_each_manifest_service_its_port_route_database_and_project()
    {
        var env = EnvSh();
        foreach (var service in Manifest)
        {
            Assert.True(env.TryGetValue(service.Name, out var got), $"deploy/lib/env.sh: SERVICES lacks {service.Name}");
            Assert.Equal((service.Port, service.Route, service.Database, service.Project), got);
        }
        Assert.Equal(Manifest.Select(s => s.Name).Append("gateway").Order(), env.Keys.Order());
    }

    [Fact]
    public void A_port_override_is_the_routes_upper_case_name_PORT()
    {
        var service = Manifest.First();
        var variable = $"{service.Route.ToUpperInvariant().Replace('-', '_')}_PORT";
        var output = Bash($"export {variable}=6543; source deploy/lib/env.sh && service_port {service.Name}");
        Assert.Equal("6543", output.Trim());
    }

    [Fact]
    public void The_embedded_manifest_is_the_file_and_its_entries_are_complete()
    {
        Assert.Equal(Manifest, ServiceManifest.Services, new ServiceComparer());
        Assert.All(Manifest, s =>
        {
            Assert.Matches("^[A-Z][A-Za-z0-9]*$", s.Name);
            Assert.Matches("^[a-z][a-z0-9-]*$", s.Route);
            Assert.Matches("^[a-z][a-z0-9_]*$", s.Database);
            Assert.True(File.Exists(PathOf(s.Project)), $"{ManifestFile}: {s.Name}'s project {s.Project} does not exist");
            Assert.Equal(s.Name, Path.GetFileNameWithoutExtension(s.Project));
        });
    }

    [Fact]
    public void A_manifest_with_a_repeated_route_or_an_unknown_field_is_refused()
    {
        const string one = """{ "name": "A", "route": "a", "project": "p", "port": 1, "database": "a", "writers": [], "keepsStreams": true }""";
        var twice = Assert.Throws<InvalidDataException>(() => ServiceManifest.Parse($$"""{ "services": [ {{one}}, {{one.Replace("\"A\"", "\"B\"")}} ] }"""));
        Assert.Contains("route a", twice.Message);
        Assert.ThrowsAny<Exception>(() => ServiceManifest.Parse("""{ "services": [ { "name": "A", "rout": "a" } ] }"""));
    }

    private static IEnumerable<string> K8sNames(string kind) =>
        K8sOfKind(kind).Select(d => Str(Map(d["metadata"]), "name")!).Where(n => n != "gateway");

    private static IEnumerable<string> PostgresClusterDatabases()
    {
        var initdb = Map(Map(Map(Assert.Single(K8sOfKind("Cluster"))["spec"])["bootstrap"])["initdb"]);
        return List(initdb["postInitSQL"]).Cast<string>().Select(s => CreateDatabase().Match(s).Groups[1].Value).Append(Str(initdb, "database")!);
    }

    private static string Bash(string script)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30_000) && process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }

    private sealed class ServiceComparer : IEqualityComparer<ManifestService>
    {
        public bool Equals(ManifestService? a, ManifestService? b) =>
            a is not null && b is not null && a with { Writers = [] } == b with { Writers = [] } && a.Writers.SequenceEqual(b.Writers);

        public int GetHashCode(ManifestService s) => s.Name.GetHashCode(StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<Project Path=""([^""]+)""")]
    private static partial Regex SlnxProject();

    [GeneratedRegex(@"/api/[a-z][a-z0-9-]*")]
    private static partial Regex ApiRoute();

    [GeneratedRegex(@"CREATE DATABASE (\w+)")]
    private static partial Regex CreateDatabase();
}
