using Diplomacy.ServiceDefaults.Health;
using Diplomacy.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Diplomacy.ServiceDefaults.Security;

/// <summary>
/// JWT bearer authentication, configured from the <c>Auth</c> section:
/// <list type="bullet">
/// <item><c>Auth:Authority</c> (an OpenID Connect provider) and <c>Auth:Audience</c> (default "diplomacy") in production;</item>
/// <item><c>Auth:DevelopmentSigningKey</c> (base64, 32 bytes or more, HMAC-SHA256) with <c>Auth:Issuer</c> (default
/// "diplomacy-dev") when no authority is configured: local runs and tests. Refused in the Production environment.</item>
/// <item><c>Auth:Writers:&lt;service&gt;</c>: the department codes that write a service (see <see cref="WritersTable"/>).</item>
/// </list>
/// </summary>
public static class PlatformAuthentication
{
    public const string Section = "Auth";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ProviderTimeout = TimeSpan.FromSeconds(10);

    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(Section);
        var authority = auth["Authority"];
        var audience = NonEmpty(auth["Audience"]) ?? DevelopmentTokens.DefaultAudience;
        var issuer = NonEmpty(auth["Issuer"]);
        var developmentKey = NonEmpty(auth["DevelopmentSigningKey"]);

        if (developmentKey is not null && builder.Environment.IsProduction())
            throw new InvalidOperationException(
                "Auth:DevelopmentSigningKey is set but the environment is Production: the development signing key is for local runs " +
                "and tests only. Remove it and configure the identity provider with Auth:Authority and Auth:Audience.");

        var signingKey = developmentKey is null ? null : DevelopmentTokens.KeyFrom(developmentKey);
        builder.Services.AddSingleton(ReadWriters(auth.GetSection("Writers")));
        var validated = new ValidatedTokens(TimeProvider.System);
        builder.Services.AddSingleton(validated);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                if (NonEmpty(authority) is { } url)
                {
                    o.Authority = url;
                    o.Audience = audience;
                    // Plain-http metadata only from a provider on this machine in Development (deploy/Identity); else https.
                    o.RequireHttpsMetadata = !(builder.Environment.IsDevelopment() && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback);
                    // A provider that does not answer holds each request checking a token this long (default: a minute).
                    o.BackchannelTimeout = ProviderTimeout;
                }
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    // With an authority, its discovery document names the issuer unless Auth:Issuer says otherwise.
                    ValidIssuer = issuer ?? (NonEmpty(authority) is null ? DevelopmentTokens.DefaultIssuer : null),
                    ValidateAudience = true,
                    ValidAudience = audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    ClockSkew = ClockSkew,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    IssuerSigningKey = NonEmpty(authority) is null ? signingKey : null,
                    NameClaimType = PlatformClaims.Subject,
                    RoleClaimType = PlatformClaims.Role,
                };
                o.Events = RememberingValidTokens(validated);
            });
        if (NonEmpty(authority) is not null)
            builder.Services.AddHealthChecks().AddCheck<ProviderKeys.HealthCheck>(ProviderKeys.HealthCheckName, tags: [HealthExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Authenticates the request and applies <see cref="AccessPolicy"/> to it: 401 (with <c>WWW-Authenticate</c>) or 403 as
    /// RFC 9457 problem details. <paramref name="afterAuthentication"/> runs between the two (the gateway's rate limiter,
    /// which partitions by the caller's <c>client_id</c>).
    /// </summary>
    public static WebApplication UsePlatformAuthorization(this WebApplication app, Action<WebApplication>? afterAuthentication = null)
    {
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            var writers = http.RequestServices.GetRequiredService<WritersTable>();
            switch (AccessPolicy.Decide(request.Method, request.Path.Value ?? "/", request.Query.Keys, http.User, writers))
            {
                case Access.Allowed:
                    await next(http);
                    return;
                case Access.Unauthenticated:
                    if (!BearerToken(request).IsEmpty && !await ProviderKeys.ObtainableAsync(http.RequestServices, http.RequestAborted))
                    {
                        await ProviderKeys.WriteUnavailableAsync(http);
                        return;
                    }
                    await http.ChallengeAsync();
                    await ProblemResponse.WriteAsync(http, StatusCodes.Status401Unauthorized, "Authentication is required.",
                        "Send a valid bearer token in the Authorization header.");
                    return;
                default:
                    await http.ForbidAsync();
                    await ProblemResponse.WriteAsync(http, StatusCodes.Status403Forbidden, "You may not do this.",
                        "Your role or department does not allow this request.");
                    return;
            }
        });
        return app;
    }

    /// <summary>A token that validated is not validated again at its next request (<see cref="ValidatedTokens"/>).</summary>
    private static JwtBearerEvents RememberingValidTokens(ValidatedTokens validated) => new()
    {
        OnMessageReceived = context =>
        {
            if (validated.TryGet(BearerToken(context.Request), out var principal))
            {
                context.Principal = principal;
                context.Success();
            }
            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            if (context.SecurityToken is JsonWebToken token && context.Principal is { } principal)
                validated.Remember(token.EncodedToken, principal, new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc)));
            return Task.CompletedTask;
        },
    };

    // Read as the JWT bearer handler reads it: "Bearer " in any case, then the token, trimmed.
    private static ReadOnlySpan<char> BearerToken(HttpRequest request)
    {
        ReadOnlySpan<char> header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : [];
    }

    private static WritersTable ReadWriters(IConfigurationSection section)
    {
        var overrides = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in section.GetChildren())
        {
            // Either a list (Auth:Writers:membership:0 = ...) or one comma-separated value (Auth__Writers__membership=a,b).
            var values = service.Value is { } text
                ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : service.GetChildren().Select(c => c.Value).OfType<string>().Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
            overrides[service.Key] = values;
        }
        return new WritersTable(overrides);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
