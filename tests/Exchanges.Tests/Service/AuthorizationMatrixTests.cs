using Diplomacy.TestSupport;

namespace Diplomacy.Exchanges.Tests.Service;

/// <summary>Every route of the service, called directly (as if the gateway were bypassed), against every caller.</summary>
public sealed class AuthorizationMatrixTests(ExchangesServiceFactory service) : IClassFixture<ExchangesServiceFactory>
{
    [Fact]
    public Task Every_route_answers_every_caller_exactly_as_the_policy_says() =>
        AuthorizationMatrix.AssertAsync(service, service.Tokens, owningDepartment: "global-urban-partnership", otherDepartment: "international-relations", minimumRoutes: 12);
}
