using static Diplomacy.Deployment.Tests.Repo;

namespace Diplomacy.Deployment.Tests;

/// <summary>In Production no service changes its schema as it starts: an init container applies it first.</summary>
public class SchemaStepTests
{
    [Fact]
    public void Every_service_deployment_applies_its_schema_in_an_init_container_with_the_same_image_and_configuration()
    {
        foreach (var name in ServiceNames)
        {
            var deployment = DeploymentNamed(Lower(name));
            var spec = Map(Map(Map(deployment["spec"])["template"])["spec"]);
            Assert.True(spec.ContainsKey("initContainers"), $"deploy/k8s/base/{Lower(name)}.yaml: no initContainers applying the schema");
            var init = Map(Assert.Single(List(spec["initContainers"])));
            var main = Container(deployment);
            Assert.Equal("apply-schema", Str(init, "name"));
            Assert.Equal(Str(main, "image"), Str(init, "image"));
            Assert.Equal(["--apply-schema"], List(init["args"]).Cast<string>());
            Assert.Equal(ContainerEnv(main), ContainerEnv(init));
            Assert.True(init.ContainsKey("resources") && init.ContainsKey("securityContext"),
                $"deploy/k8s/base/{Lower(name)}.yaml: the init container needs resources and a security context like the service's");
        }
    }
}
