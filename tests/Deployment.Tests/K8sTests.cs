using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Diplomacy.Deployment.Tests.Repo;

namespace Diplomacy.Deployment.Tests;

public static class GatewayTests
{
    /// <summary>Services__&lt;Name&gt; = http://&lt;name&gt;:&lt;port of env.sh&gt; for every service, and only for names the gateway knows.</summary>
    public static void AssertDownstreamAddresses(IReadOnlyDictionary<string, string?> env, string where)
    {
        var ports = EnvShPorts();
        var known = GatewayServiceNames();
        foreach (var name in ServiceNames)
            Assert.True(env.TryGetValue($"Services__{name}", out var address) && address == $"http://{Lower(name)}:{ports[name]}",
                $"{where}: the gateway's Services__{name} should be http://{Lower(name)}:{ports[name]}");
        foreach (var key in env.Keys.Where(k => k.StartsWith("Services__", StringComparison.Ordinal)))
        {
            var name = key["Services__".Length..];
            Assert.Contains(name, known);
            Assert.Contains(name, ServiceNames);
        }
    }
}

/// <summary>deploy/k8s (Kustomize base and production overlay) against the projects.</summary>
public partial class K8sTests(ITestOutputHelper output)
{
    private const string Base = "deploy/k8s/base/kustomization.yaml";
    private const string Production = "deploy/k8s/overlays/production/kustomization.yaml";

    private static IEnumerable<string> Workloads => ServiceNames.Select(Lower).Append("gateway");

    [Fact]
    public void Every_file_parses_and_every_manifest_is_a_kustomization_resource()
    {
        foreach (var file in K8sFiles) Assert.NotEmpty(LoadYaml(file));
        var referenced = new HashSet<string>();
        foreach (var kustomization in K8sFiles.Where(f => f.EndsWith("/kustomization.yaml", StringComparison.Ordinal)))
        {
            var dir = Path.GetDirectoryName(kustomization)!;
            foreach (var resource in List(LoadYaml(kustomization).Single()["resources"]).Cast<string>())
            {
                var path = Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(Root, dir, resource))).Replace('\\', '/');
                Assert.True(File.Exists(PathOf(path)) || File.Exists(PathOf(path + "/kustomization.yaml")), $"{kustomization}: {resource} not found");
                referenced.Add(path);
            }
        }
        foreach (var (file, _) in K8sManifests) Assert.Contains(file, referenced);
    }

    [Fact]
    public void Every_service_project_has_a_deployment_and_a_service_and_vice_versa()
    {
        var deployments = K8sOfKind("Deployment").Select(d => Str(Map(d["metadata"]), "name")!).Order().ToList();
        Assert.Equal(Workloads.Order(), deployments);
        var services = K8sOfKind("Service").Select(d => Str(Map(d["metadata"]), "name")!).Order().ToList();
        Assert.Equal(Workloads.Order(), services);
        foreach (var kind in new[] { "HorizontalPodAutoscaler", "PodDisruptionBudget" })
            Assert.Equal(Workloads.Order(), K8sOfKind(kind).Select(d => Str(Map(d["metadata"]), "name")!).Order());
    }

    [Fact]
    public void Ports_are_those_of_env_sh()
    {
        var ports = EnvShPorts();
        foreach (var name in Workloads)
        {
            var port = ports[name == "gateway" ? name : ServiceNames.Single(n => Lower(n) == name)];
            var container = Container(DeploymentNamed(name));
            Assert.Equal(port, Convert.ToInt32(Map(List(container["ports"]).Single())["containerPort"]));
            Assert.Equal(port.ToString(), ContainerEnv(container)["ASPNETCORE_HTTP_PORTS"]);
            var service = Assert.Single(K8sOfKind("Service"), s => Str(Map(s["metadata"]), "name") == name);
            Assert.Equal(port, Convert.ToInt32(Map(List(Map(service["spec"])["ports"]).Single())["port"]));
            Assert.Equal(name, Str(Map(Map(service["spec"])["selector"]), "app.kubernetes.io/name"));
        }
    }

    [Fact]
    public void The_gateway_reaches_every_service_by_its_kubernetes_name_and_port() =>
        GatewayTests.AssertDownstreamAddresses(ContainerEnv(Container(DeploymentNamed("gateway"))), "k8s");

    [Fact]
    public void Every_environment_variable_is_one_the_code_reads()
    {
        foreach (var name in Workloads)
        {
            var env = ContainerEnv(Container(DeploymentNamed(name)));
            // Variables that only feed a $(NAME) expansion of another variable (credentials from the operators' Secrets).
            var inputs = env.Values.OfType<string>().SelectMany(v => Expansion().Matches(v).Select(m => m.Groups[1].Value)).ToHashSet();
            foreach (var key in env.Keys)
                Assert.True(Configuration.IsKnown(key) || inputs.Contains(key), $"k8s {name}: {key} is read by nothing (README, \"Configuration\")");
            foreach (var input in inputs) Assert.Contains(input, env.Keys);
        }
        foreach (var kustomization in new[] { Base, Production })
            foreach (var key in ConfigMapLiterals(kustomization).Keys)
                Assert.True(Configuration.IsKnown(key), $"{kustomization}: ConfigMap key {key} is read by nothing");
    }

    [Fact]
    public void Services_use_their_own_database_and_the_operators_secrets()
    {
        foreach (var name in ServiceNames)
        {
            var env = ContainerEnv(Container(DeploymentNamed(Lower(name))));
            Assert.StartsWith("Host=diplomacy-postgres-rw;", env["ConnectionStrings__Postgres"]);
            Assert.EndsWith($";Database={Lower(name)}", env["ConnectionStrings__Postgres"]);
            Assert.EndsWith("@diplomacy-rabbitmq:5672/", env["ConnectionStrings__RabbitMq"]);
        }
        var postgres = Assert.Single(K8sOfKind("Cluster"));
        Assert.Equal("postgresql.cnpg.io/v1", Str(postgres, "apiVersion"));
        Assert.Equal("diplomacy-postgres", Str(Map(postgres["metadata"]), "name"));
        var initdb = Map(Map(Map(postgres["spec"])["bootstrap"])["initdb"]);
        var databases = List(initdb["postInitSQL"]).Cast<string>().Select(s => Regex.Match(s, @"^CREATE DATABASE (\w+) OWNER").Groups[1].Value)
            .Append(Str(initdb, "database")!).Order();
        Assert.Equal(ServiceNames.Select(Lower).Order(), databases);
        var rabbit = Assert.Single(K8sOfKind("RabbitmqCluster"));
        Assert.Equal("rabbitmq.com/v1beta1", Str(rabbit, "apiVersion"));
        Assert.Equal("diplomacy-rabbitmq", Str(Map(rabbit["metadata"]), "name"));
        Assert.True(Convert.ToInt32(Map(rabbit["spec"])["replicas"]) >= 3, "quorum queues need three RabbitMQ nodes");
    }

    [Fact]
    public void Deployments_have_two_replicas_probes_resources_and_a_non_root_read_only_context()
    {
        foreach (var name in Workloads)
        {
            var deployment = DeploymentNamed(name);
            var spec = Map(deployment["spec"]);
            Assert.True(Convert.ToInt32(spec["replicas"]) >= 2, $"{name}: fewer than 2 replicas");
            var pod = Map(Map(spec["template"])["spec"]);
            Assert.Equal("true", Str(Map(pod["securityContext"]), "runAsNonRoot"));
            var container = Container(deployment);
            Assert.Equal("/health/ready", Str(Map(Map(container["readinessProbe"])["httpGet"]), "path"));
            Assert.Equal("/health/live", Str(Map(Map(container["livenessProbe"])["httpGet"]), "path"));
            var resources = Map(container["resources"]);
            foreach (var part in new[] { "requests", "limits" })
                Assert.True(Map(resources[part]).ContainsKey("cpu") && Map(resources[part]).ContainsKey("memory"), $"{name}: {part}");
            var security = Map(container["securityContext"]);
            Assert.Equal("false", Str(security, "allowPrivilegeEscalation"));
            Assert.Equal("true", Str(security, "readOnlyRootFilesystem"));
            Assert.Equal(["ALL"], List(Map(security["capabilities"])["drop"]).Cast<string>());
            Assert.Equal($"diplomacy/{name}", Str(container, "image"));
            var selector = Map(Map(spec["selector"])["matchLabels"]);
            Assert.Equal(name, Str(selector, "app.kubernetes.io/name"));
            Assert.Equal(name, Str(Map(Map(Map(spec["template"])["metadata"])["labels"]), "app.kubernetes.io/name"));
        }
        foreach (var hpa in K8sOfKind("HorizontalPodAutoscaler"))
            Assert.True(Convert.ToInt32(Map(hpa["spec"])["minReplicas"]) >= 2);
    }

    [Fact]
    public void No_secret_value_is_committed()
    {
        foreach (var secret in K8sOfKind("Secret"))
            Assert.False(secret.ContainsKey("data") || secret.ContainsKey("stringData"), "a Secret manifest carries values");
        foreach (var kustomization in K8sFiles.Where(f => f.EndsWith("kustomization.yaml", StringComparison.Ordinal)))
            Assert.False(LoadYaml(kustomization).Single().ContainsKey("secretGenerator"), $"{kustomization}: secretGenerator");
        var developmentKey = K8sManifests.SelectMany(m => m.Doc.Keys).Concat(ConfigMapLiterals(Base).Keys).Concat(ConfigMapLiterals(Production).Keys);
        Assert.DoesNotContain("Auth__DevelopmentSigningKey", developmentKey);
        foreach (var name in Workloads)
            Assert.DoesNotContain("Auth__DevelopmentSigningKey", ContainerEnv(Container(DeploymentNamed(name))).Keys);
    }

    [Fact]
    public void Production_runs_against_an_identity_provider_behind_an_ingress()
    {
        var literals = ConfigMapLiterals(Production);
        Assert.StartsWith("https://", literals["Auth__Authority"]);
        Assert.Equal("Production", ConfigMapLiterals(Base)["ASPNETCORE_ENVIRONMENT"]);
        var ingress = Assert.Single(K8sOfKind("Ingress"));
        // Only the API and its documents are published; /health and /metrics stay inside the cluster.
        var paths = List(Map(Map(List(Map(ingress["spec"])["rules"]).Single())["http"])["paths"]).Select(Map).ToList();
        Assert.Equal(["/api", "/openapi"], paths.Select(p => Str(p, "path")!).Order());
        Assert.All(paths, p => Assert.Equal("gateway", Str(Map(Map(p["backend"])["service"]), "name")));
        var images = List(LoadYaml(Production).Single()["images"]).Select(Map).Select(i => Str(i, "name")!).Order();
        Assert.Equal(Workloads.Select(w => $"diplomacy/{w}").Order(), images);
    }

    /// <summary>
    /// Only where kubectl is on PATH (it is no Debian package, and CI's machine may not have it): the overlay renders,
    /// and the result still holds the production settings. Without kubectl this test passes after saying so.
    /// </summary>
    [Fact]
    public async Task Kubectl_kustomize_renders_the_production_overlay_when_kubectl_is_installed()
    {
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);
        if (kubectl is null)
        {
            output.WriteLine("kubectl is not on PATH: the overlay was not rendered (the other tests still read every file).");
            return;
        }
        var start = new ProcessStartInfo(kubectl, ["kustomize", PathOf("deploy/k8s/overlays/production")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize failed: {await stderr}");
        var rendered = await stdout;
        Assert.Contains("namespace: diplomacy", rendered);
        foreach (var name in Workloads) Assert.Contains($"image: registry.example.org/diplomacy/{name}:", rendered);
        Assert.Contains("host: diplomacy.example.org", rendered);
        Assert.Contains("Auth__Authority: https://", rendered);
        Assert.DoesNotContain("Auth__DevelopmentSigningKey", rendered);
    }

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex Expansion();
}
