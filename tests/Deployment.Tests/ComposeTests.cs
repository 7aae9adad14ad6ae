using static Diplomacy.Deployment.Tests.Repo;

namespace Diplomacy.Deployment.Tests;

/// <summary>docker-compose.yml, the Dockerfile and the collector config against the projects (no Docker needed).</summary>
public class ComposeTests
{
    [Fact]
    public void Every_service_project_has_a_compose_service_built_from_it_and_vice_versa()
    {
        var dotnet = ComposeDotnetServices;
        var expected = ServiceNames.ToDictionary(Lower, n => $"services/{n}");
        expected["gateway"] = "gateway";
        Assert.Equal(expected.Keys.Order(), dotnet.Keys.Order());
        foreach (var (name, service) in dotnet)
        {
            var build = Map(service["build"]);
            Assert.Equal(".", Str(build, "context"));
            Assert.True(File.Exists(PathOf(Str(build, "dockerfile")!)), $"{name}: dockerfile {Str(build, "dockerfile")} not found");
            var args = Map(build["args"]);
            Assert.Equal(expected[name], Str(args, "PROJECT_DIR"));
            var assembly = Str(args, "ASSEMBLY")!;
            Assert.True(File.Exists(PathOf($"{expected[name]}/{assembly}.csproj")), $"{name}: ASSEMBLY {assembly} is not the project's name");
        }
    }

    [Fact]
    public void Ports_are_those_of_env_sh()
    {
        var ports = EnvShPorts();
        foreach (var (name, service) in ComposeDotnetServices)
        {
            var port = ports[name == "gateway" ? "gateway" : ServiceNames.Single(n => Lower(n) == name)].ToString();
            Assert.Equal(port, Str(Map(Map(service["build"])["args"]), "PORT"));
            Assert.Equal(port, Str(Map(service["environment"]), "ASPNETCORE_HTTP_PORTS"));
            Assert.Contains($"{port}:{port}", List(service["ports"]).Cast<string>());
        }
    }

    [Fact]
    public void The_gateway_reaches_every_service_by_its_compose_name_and_port()
    {
        var env = Map(ComposeDotnetServices["gateway"]["environment"]);
        GatewayTests.AssertDownstreamAddresses(env.ToDictionary(kv => (string)kv.Key, kv => kv.Value as string), "compose");
    }

    [Fact]
    public void Every_service_has_its_own_database_and_the_broker()
    {
        var init = File.ReadAllText(PathOf("deploy/docker/postgres-init.sql"));
        foreach (var name in ServiceNames)
        {
            Assert.Contains($"CREATE DATABASE {Lower(name)};", init);
            var env = Map(ComposeDotnetServices[Lower(name)]["environment"]);
            Assert.EndsWith($";Database={Lower(name)}", Str(env, "ConnectionStrings__Postgres"));
            Assert.StartsWith("Host=postgres;", Str(env, "ConnectionStrings__Postgres"));
            Assert.StartsWith("amqp://", Str(env, "ConnectionStrings__RabbitMq"));
            Assert.Contains("@rabbitmq:5672", Str(env, "ConnectionStrings__RabbitMq"));
        }
    }

    [Fact]
    public void Every_environment_variable_is_one_the_code_reads()
    {
        foreach (var (name, service) in ComposeDotnetServices)
            foreach (var key in Map(service["environment"]).Keys.Cast<string>())
                Assert.True(Configuration.IsKnown(key), $"compose {name}: {key} is read by nothing (README, \"Configuration\")");
    }

    [Fact]
    public void Dotnet_services_wait_for_healthy_dependencies_and_run_in_development_without_a_committed_key()
    {
        foreach (var (name, service) in ComposeDotnetServices)
        {
            var dependsOn = Map(service["depends_on"]);
            Assert.All(dependsOn.Values.Select(Map), d => Assert.Contains(Str(d, "condition"), new[] { "service_healthy", "service_started" }));
            var env = Map(service["environment"]);
            Assert.Equal("Development", Str(env, "ASPNETCORE_ENVIRONMENT"));
            Assert.Equal("http://otel-collector:4317", Str(env, "OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.Matches(@"^\$\{DIPLOMACY_DEV_SIGNING_KEY:\?", Str(env, "Auth__DevelopmentSigningKey"));
        }
        Assert.Contains("postgres", Map(ComposeDotnetServices["membership"]["depends_on"]).Keys.Cast<string>());
        var all = Map(Compose["services"]);
        foreach (var infra in new[] { "postgres", "rabbitmq" })
            Assert.True(Map(all[infra]).ContainsKey("healthcheck"), $"{infra} has no healthcheck");
        Assert.Contains(".env", File.ReadAllLines(PathOf(".gitignore")));
    }

    [Fact]
    public void Infrastructure_images_and_ui_ports()
    {
        var all = Map(Compose["services"]);
        Assert.Equal("postgres:15", Str(Map(all["postgres"]), "image"));
        Assert.Equal("rabbitmq:3-management", Str(Map(all["rabbitmq"]), "image"));
        Assert.StartsWith("otel/opentelemetry-collector-contrib", Str(Map(all["otel-collector"]), "image"));
        Assert.StartsWith("jaegertracing/all-in-one", Str(Map(all["jaeger"]), "image"));
        Assert.Contains(List(Map(all["rabbitmq"])["ports"]).Cast<string>(), p => p.StartsWith("15672:15672", StringComparison.Ordinal));
        Assert.Contains("16686:16686", List(Map(all["jaeger"])["ports"]).Cast<string>());
        Assert.Contains("8080:8080", List(ComposeDotnetServices["gateway"]["ports"]).Cast<string>());
        Assert.Contains(List(Map(all["postgres"])["volumes"]).Cast<string>(),
            v => v.StartsWith("./deploy/docker/postgres-init.sql:/docker-entrypoint-initdb.d/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_collector_sends_traces_to_jaeger()
    {
        var collector = Map(Compose["services"])["otel-collector"];
        Assert.Contains(List(Map(collector)["volumes"]).Cast<string>(), v => v.StartsWith("./deploy/docker/otel-collector.yaml:", StringComparison.Ordinal));
        var config = LoadYaml("deploy/docker/otel-collector.yaml").Single();
        var exporters = Map(config["exporters"]);
        var traces = Map(Map(Map(config["service"])["pipelines"])["traces"]);
        Assert.Contains("otlp", List(traces["receivers"]).Cast<string>());
        var exporter = Assert.Single(List(traces["exporters"]).Cast<string>());
        Assert.Equal("jaeger:4317", Str(Map(exporters[exporter]), "endpoint"));
        Assert.Equal("true", Str(Map(Map(Compose["services"])["jaeger"])["environment"] is Dictionary<object, object> e ? e : [], "COLLECTOR_OTLP_ENABLED"));
    }

    [Fact]
    public void The_dockerfile_is_multi_stage_non_root_with_a_health_check()
    {
        var text = File.ReadAllText(PathOf("deploy/docker/Dockerfile.service"));
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build", text);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime", text);
        Assert.Contains("ARG DOTNET_VERSION=10.0", text);
        Assert.Contains("USER $APP_UID", text);
        Assert.Matches(@"HEALTHCHECK [^\n]*\\\n\s*CMD [^\n]*/health/live", text);
        var ignore = File.ReadAllLines(PathOf(".dockerignore"));
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
        Assert.Contains(".local/", ignore);
        Assert.Contains(".git/", ignore);
    }
}
