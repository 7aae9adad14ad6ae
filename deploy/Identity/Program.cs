using Diplomacy.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;

// The local OpenID Connect provider: discovery, JWKS, authorization code + PKCE for the console, client credentials for
// the local tools, signed (not encrypted) JWT access tokens for the platform's audience. For local runs and tests only.
var builder = WebApplication.CreateBuilder(args);
if (builder.Environment.IsProduction())
    throw new InvalidOperationException("deploy/Identity is the local provider with development keys: point Auth__Authority at the SMG's provider in Production.");

var settings = builder.Configuration.GetSection(IdentitySettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();
if (string.IsNullOrWhiteSpace(settings.KeyDirectory))
    throw new InvalidOperationException("Identity:KeyDirectory must name the folder of the development keys (deploy/run.sh uses .local/identity).");
var keys = DevelopmentKeys.LoadOrCreate(settings.KeyDirectory);
// An address overridden with an empty value (Identity__Console__RedirectUris__1=) is no address.
settings.Console.RedirectUris.RemoveAll(string.IsNullOrWhiteSpace);
settings.Console.PostLogoutRedirectUris.RemoveAll(string.IsNullOrWhiteSpace);

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = SignInPage.Path;
        o.Cookie.Name = "diplomacy-identity";
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
    });
builder.Services.AddAntiforgery();
// The console calls the token endpoint (and reads discovery and the JWKS) from its own origin.
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(settings.Console.Origins()).AllowAnyHeader().WithMethods("GET", "POST")));

builder.Services.AddOpenIddict().AddServer(server =>
{
    server.SetAuthorizationEndpointUris(ConnectEndpoints.AuthorizePath.TrimStart('/'))
        .SetTokenEndpointUris(ConnectEndpoints.TokenPath.TrimStart('/'))
        .SetEndSessionEndpointUris(ConnectEndpoints.EndSessionPath.TrimStart('/'));
    server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
    server.RegisterScopes("openid", "profile", "offline_access", "roles");
    server.RegisterClaims("sub", "name", "role", "department", "client_id");
    if (Uri.TryCreate(settings.Issuer, UriKind.Absolute, out var issuer)) server.SetIssuer(issuer);
    server.SetAccessTokenLifetime(TimeSpan.FromMinutes(30)).SetRefreshTokenLifetime(TimeSpan.FromHours(8));
    // No store: the clients are configuration and every code and token is self-contained (see ClientChecks).
    server.EnableDegradedMode();
    server.AddSigningKey(keys.Signing).AddEncryptionKey(keys.Encryption);
    // The services validate access tokens themselves, from the JWKS: signed, not encrypted.
    server.DisableAccessTokenEncryption();
    server.AddClientChecks(settings, keys);
    server.UseAspNetCore()
        .EnableAuthorizationEndpointPassthrough()
        .EnableTokenEndpointPassthrough()
        .EnableEndSessionEndpointPassthrough()
        // Plain http on loopback for local runs; the SMG's provider is https.
        .DisableTransportSecurityRequirement();
});

var app = builder.Build();
app.UseCors();
app.UseAuthentication();
app.UseAntiforgery();
app.MapGet("/health/ready", () => Results.Text("ready"));
app.MapGet("/health/live", () => Results.Text("live"));
app.MapSignInPage(keys, settings);
app.MapConnectEndpoints(settings);
app.Run();
