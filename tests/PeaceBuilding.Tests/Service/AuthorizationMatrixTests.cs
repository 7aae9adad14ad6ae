using Diplomacy.TestSupport;

namespace Diplomacy.PeaceBuilding.Tests.Service;

/// <summary>Every route of the service, called directly (as if the gateway were bypassed), against every caller.</summary>
public sealed class AuthorizationMatrixTests(PeaceBuildingServiceFactory service) : IClassFixture<PeaceBuildingServiceFactory>
{
    [Fact]
    public Task Every_route_answers_every_caller_exactly_as_the_policy_says() =>
        AuthorizationMatrix.AssertAsync(service, service.Tokens, owningDepartment: "inter-korean-cooperation", otherDepartment: "global-urban-partnership", minimumRoutes: 12);
}
