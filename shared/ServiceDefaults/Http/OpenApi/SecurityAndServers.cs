using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Diplomacy.ServiceDefaults.Http.OpenApi;

/// <summary>
/// The bearer token every route needs (and the OpenID Connect discovery document when <c>Auth:Authority</c> is set), and
/// the gateway as the one server: callers never reach a service directly. The service can only name the gateway by a
/// relative URL; the gateway puts its own address there when it serves the document.
/// </summary>
public static class SecurityAndServers
{
    public const string Bearer = "bearer";
    public const string OpenIdConnect = "openIdConnect";
    public const string GatewayServerDescription = "The gateway";

    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken _)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = GatewayServerDescription }];
        document.Info.Description ??= $"{(document.Info.Title ?? "This").Split(' ')[0]}: a service of the Seoul City Diplomacy Platform. Every " +
            "initiative is an event stream; commands answer the new state with its version as ETag, errors are RFC 9457 problem details.";

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with the claims sub, role (viewer, editor, auditor, admin), department and client_id.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] }];

        var authority = context.ApplicationServices.GetRequiredService<IConfiguration>()["Auth:Authority"];
        if (Uri.TryCreate(authority, UriKind.Absolute, out var issuer))
        {
            document.Components.SecuritySchemes[OpenIdConnect] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OpenIdConnect,
                OpenIdConnectUrl = new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration"),
                Description = "Tokens of the platform's OpenID Connect provider.",
            };
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenIdConnect, document)] = [] });
        }
        return Task.CompletedTask;
    }
}
