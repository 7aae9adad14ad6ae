using System.Security.Claims;
using Diplomacy.ServiceDefaults.Manifest;
using Diplomacy.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Diplomacy.ServiceDefaults.Tests;

public sealed class AccessPolicyTests
{
    private static readonly WritersTable Writers = new();

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    private static ClaimsPrincipal User(string role, string? department = null)
    {
        var claims = new List<Claim> { new("sub", "kim"), new("role", role), new("client_id", "erp") };
        if (department is not null) claims.Add(new("department", department));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", "sub", "role"));
    }

    private static Access Decide(string method, string pathAndQuery, ClaimsPrincipal user)
    {
        var parts = pathAndQuery.Split('?', 2);
        var keys = parts.Length == 2 ? parts[1].Split('&').Select(p => p.Split('=')[0]) : [];
        return AccessPolicy.Decide(method, parts[0], keys, user, Writers);
    }

    [Theory]
    [InlineData("GET", "/health/live")]
    [InlineData("GET", "/health/ready")]
    [InlineData("GET", "/openapi")]
    [InlineData("GET", "/openapi/membership.json")]
    [InlineData("GET", "/metrics")]
    public void Health_openapi_and_metrics_are_open_to_anyone(string method, string path) =>
        Assert.Equal(Access.Allowed, Decide(method, path, Anonymous));

    [Theory]
    [InlineData("GET", "/api/membership/networks")]
    [InlineData("POST", "/api/membership/networks")]
    [InlineData("GET", "/api/audit/initiatives/1")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/healthz")]
    [InlineData("GET", "/openapix")]
    [InlineData("GET", "/metricsx")]
    public void Everything_else_needs_a_token(string method, string path) =>
        Assert.Equal(Access.Unauthenticated, Decide(method, path, Anonymous));

    [Theory]
    [InlineData("viewer", null, "GET", "/api/membership/networks", Access.Allowed)]
    [InlineData("viewer", null, "GET", "/api/membership/networks/1", Access.Allowed)]
    [InlineData("viewer", null, "GET", "/api/membership/networks/1/history", Access.Forbidden)]
    [InlineData("viewer", null, "GET", "/api/membership/networks/1/verify", Access.Forbidden)]
    [InlineData("viewer", null, "GET", "/api/membership/networks/1?version=2", Access.Forbidden)]
    [InlineData("viewer", null, "GET", "/api/membership/networks/1?asOf=2020-01-01", Access.Forbidden)]
    [InlineData("viewer", null, "GET", "/api/membership/audit/events", Access.Forbidden)]
    [InlineData("viewer", null, "GET", "/api/audit/initiatives/1", Access.Forbidden)]
    [InlineData("viewer", "international-relations", "POST", "/api/membership/networks", Access.Forbidden)]
    [InlineData("editor", "international-relations", "POST", "/api/membership/networks", Access.Allowed)]
    [InlineData("editor", "international-relations", "POST", "/api/membership/networks/1/rename", Access.Allowed)]
    [InlineData("editor", "international-relations", "DELETE", "/api/membership/networks/1", Access.Allowed)]
    [InlineData("editor", "international-relations", "POST", "/api/exchanges/policies", Access.Forbidden)]
    [InlineData("editor", "international-relations", "GET", "/api/exchanges/policies", Access.Allowed)]
    [InlineData("editor", "international-relations", "GET", "/api/membership/networks/1/history", Access.Forbidden)]
    [InlineData("editor", "global-urban-partnership", "POST", "/api/exchanges/exchanges", Access.Allowed)]
    [InlineData("editor", "global-urban-partnership", "PUT", "/api/exports/projects/1", Access.Allowed)]
    [InlineData("editor", "global-urban-partnership", "PATCH", "/api/peace/programs/1", Access.Forbidden)]
    [InlineData("editor", "inter-korean-cooperation", "POST", "/api/peace/programs", Access.Allowed)]
    [InlineData("editor", "inter-korean-cooperation", "POST", "/api/unlisted/anything", Access.Forbidden)]
    [InlineData("editor", null, "POST", "/api/membership/networks", Access.Forbidden)]
    [InlineData("editor", "international-relations", "POST", "/somewhere", Access.Forbidden)]
    [InlineData("auditor", "international-relations", "POST", "/api/membership/networks", Access.Forbidden)]
    [InlineData("auditor", null, "GET", "/api/membership/networks", Access.Allowed)]
    [InlineData("auditor", null, "GET", "/api/membership/networks/1/history", Access.Allowed)]
    [InlineData("auditor", null, "GET", "/api/membership/networks/1?asOf=2020-01-01", Access.Allowed)]
    [InlineData("auditor", null, "GET", "/api/exports/audit/events", Access.Allowed)]
    [InlineData("auditor", null, "GET", "/api/audit/initiatives/1", Access.Allowed)]
    [InlineData("admin", null, "POST", "/api/membership/networks", Access.Allowed)]
    [InlineData("admin", null, "DELETE", "/api/unlisted/x", Access.Allowed)]
    [InlineData("admin", null, "GET", "/api/audit/initiatives/1", Access.Allowed)]
    [InlineData("stranger", null, "GET", "/api/membership/networks", Access.Forbidden)]
    public void Roles_and_departments_decide(string role, string? department, string method, string path, Access expected) =>
        Assert.Equal(expected, Decide(method, path, User(role, department)));

    [Fact]
    public void The_default_writers_are_those_of_the_services_manifest()
    {
        Assert.NotEmpty(ServiceManifest.Services);
        foreach (var service in ServiceManifest.Services)
        {
            Assert.Equal(service.Writers.Order(), WritersTable.Defaults[service.Route].Order());
            foreach (var department in service.Writers) Assert.True(Writers.Writes(department, service.Route), $"{department} -> {service.Route}");
            Assert.False(Writers.Writes("protocol-office", service.Route));
        }
        Assert.Equal(ServiceManifest.Services.Select(s => s.Route).Order(), WritersTable.Defaults.Keys.Order());
    }

    [Fact]
    public void Which_departments_write_which_service_is_configuration()
    {
        var writers = new WritersTable(new Dictionary<string, string[]> { ["membership"] = ["protocol-office"] });
        var protocol = User("editor", "protocol-office");
        Assert.Equal(Access.Allowed, AccessPolicy.Decide("POST", "/api/membership/networks", [], protocol, writers));
        Assert.Equal(Access.Forbidden, AccessPolicy.Decide("POST", "/api/membership/networks", [], User("editor", "international-relations"), writers));
        // Services not named keep their defaults.
        Assert.True(writers.Writes("global-urban-partnership", "exchanges"));
    }

    [Fact]
    public void The_writers_are_read_from_configuration_as_a_list_or_a_comma_separated_value()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["Auth:DevelopmentSigningKey"] = DevelopmentTokens.NewKey();
        builder.Configuration["Auth:Writers:membership"] = "protocol-office, international-relations";
        builder.Configuration["Auth:Writers:peace:0"] = "unification-office";
        builder.AddPlatformAuthentication();
        using var app = builder.Build();
        var writers = app.Services.GetService(typeof(WritersTable)) as WritersTable;
        Assert.NotNull(writers);
        Assert.True(writers.Writes("protocol-office", "membership"));
        Assert.True(writers.Writes("international-relations", "membership"));
        Assert.True(writers.Writes("unification-office", "peace"));
        Assert.False(writers.Writes("inter-korean-cooperation", "peace"));
    }

    [Fact]
    public void The_development_key_is_refused_in_production()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration["Auth:DevelopmentSigningKey"] = DevelopmentTokens.NewKey();
        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddPlatformAuthentication());
        Assert.Contains("Production", refused.Message);
        Assert.Contains("Auth:DevelopmentSigningKey", refused.Message);
    }

    [Fact]
    public void Production_with_an_authority_is_accepted()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration["Auth:Authority"] = "https://login.example.org/realms/smg";
        builder.AddPlatformAuthentication();
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 !")]
    public void A_development_key_too_short_or_not_base64_is_refused(string key) =>
        Assert.Throws<InvalidOperationException>(() => DevelopmentTokens.KeyFrom(key));
}
