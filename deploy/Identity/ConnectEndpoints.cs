using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Diplomacy.Identity;

/// <summary>
/// The endpoints OpenIddict passes through to the host: it has validated the request; these decide who the token is for.
/// </summary>
public static class ConnectEndpoints
{
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/endsession";
    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;
    private static readonly string[] AccessTokenOnly = [Destinations.AccessToken];
    private static readonly string[] BothTokens = [Destinations.AccessToken, Destinations.IdentityToken];

    public static WebApplication MapConnectEndpoints(this WebApplication app, IdentitySettings settings)
    {
        app.MapMethods(AuthorizePath, ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var account = session.Succeeded ? DemoAccounts.Find(session.Principal?.Identity?.Name) : null;
            if (account is null || request.HasPromptValue(PromptValues.Login))
            {
                if (request.HasPromptValue(PromptValues.None))
                    return Results.Forbid(ErrorProperties(Errors.LoginRequired, "Nobody is signed in."), [Scheme]);
                // Back here after signing in, without the prompt=login that sent us to the page.
                var query = http.Request.HasFormContentType
                    ? QueryString.Create(http.Request.Form.Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())))
                    : QueryString.Create(http.Request.Query.Where(p => p.Key != Parameters.Prompt).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));
                return Results.Redirect($"{SignInPage.Path}?returnUrl={Uri.EscapeDataString(AuthorizePath + query)}");
            }
            var principal = PrincipalOf(account.UserName, account.DisplayName, account.Role, account.Department, settings.Audience);
            principal.SetScopes(request.GetScopes());
            return Results.SignIn(principal, authenticationScheme: Scheme);
        });

        app.MapPost(TokenPath, async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (request.IsClientCredentialsGrantType()) return ToolToken(request, settings.Audience);

            // A code or refresh token: OpenIddict has validated it; re-read the account so a removed one gets nothing.
            var redeemed = (await http.AuthenticateAsync(Scheme)).Principal;
            var account = DemoAccounts.Find(redeemed?.GetClaim(Claims.Subject));
            if (redeemed is null || account is null)
                return Results.Forbid(ErrorProperties(Errors.InvalidGrant, "The account no longer exists."), [Scheme]);
            var principal = PrincipalOf(account.UserName, account.DisplayName, account.Role, account.Department, settings.Audience);
            principal.SetScopes(redeemed.GetScopes());
            if (settings.Console.AccessTokenLifetime is { } lifetime) principal.SetAccessTokenLifetime(lifetime);
            return Results.SignIn(principal, authenticationScheme: Scheme);
        });

        app.MapMethods(EndSessionPath, ["GET", "POST"], async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [Scheme]);
        });
        return app;
    }

    /// <summary>
    /// A local tool's token (deploy/token.sh): the tool names the role, department and user it acts as, like the
    /// development key it replaces; only holders of the tool secret under <c>.local/</c> get here.
    /// </summary>
    private static IResult ToolToken(OpenIddictRequest request, string audience)
    {
        var role = (string?)request["role"];
        var department = (string?)request["department"];
        var user = (string?)request["user"] is { Length: > 0 } u ? u : request.ClientId!;
        if (role is null || !DemoAccounts.Roles.Contains(role))
            return Results.Forbid(ErrorProperties(Errors.InvalidRequest, $"role must be one of {string.Join(", ", DemoAccounts.Roles)}."), [Scheme]);
        if (role == "editor" && string.IsNullOrWhiteSpace(department))
            return Results.Forbid(ErrorProperties(Errors.InvalidRequest, "An editor needs a department."), [Scheme]);
        var principal = PrincipalOf(user, user, role, department, audience);
        if (int.TryParse((string?)request["minutes"], out var minutes) && minutes is > 0 and <= 24 * 60)
            principal.SetAccessTokenLifetime(TimeSpan.FromMinutes(minutes));
        return Results.SignIn(principal, authenticationScheme: Scheme);
    }

    private static ClaimsPrincipal PrincipalOf(string subject, string name, string role, string? department, string audience)
    {
        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(Claims.Name, name).SetClaim(Claims.Role, role);
        if (!string.IsNullOrWhiteSpace(department)) identity.SetClaim("department", department);
        identity.SetResources(audience);
        // sub goes everywhere by itself; the rest into both tokens, so the console can show who is signed in.
        identity.SetDestinations(claim => claim.Type is Claims.Name or Claims.Role or "department" ? BothTokens : AccessTokenOnly);
        return new ClaimsPrincipal(identity);
    }

    private static AuthenticationProperties ErrorProperties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
