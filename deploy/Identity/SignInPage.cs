using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Diplomacy.Identity;

/// <summary>The one page a person sees here: a server-rendered form that signs a demo account in (a cookie of this provider).</summary>
public static class SignInPage
{
    public const string Path = "/account/sign-in";
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static WebApplication MapSignInPage(this WebApplication app, DevelopmentKeys keys, IdentitySettings settings)
    {
        // The form posts here, and the redirects after it end at the console: Chromium holds those to form-action too.
        var policy = $"default-src 'none'; form-action 'self' {string.Join(' ', settings.Console.Origins())}; frame-ancestors 'none'; base-uri 'none'";
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, Safe(returnUrl), error: null, policy));

        app.MapPost(Path, async (HttpContext http, IAntiforgery antiforgery,
            [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl) =>
        {
            var account = DemoAccounts.Find(userName?.Trim());
            if (account is null || password != keys.DemoPassword)
                return Page(http, antiforgery, Safe(returnUrl), error: "The user name or password is wrong. / 아이디 또는 비밀번호가 틀렸습니다.", policy);
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, account.UserName)], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(Safe(returnUrl));
        });
        return app;
    }

    /// <summary>Only back into this provider's authorize endpoint: never an open redirect.</summary>
    private static string Safe(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(ConnectEndpoints.AuthorizePath + "?", StringComparison.Ordinal) ? returnUrl : "/";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? error, string policy)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var options = string.Concat(DemoAccounts.All.Select(a =>
            $"<option value=\"{Html.Encode(a.UserName)}\">{Html.Encode(a.UserName)}</option>"));
        var alert = error is null ? "" : $"<p role=\"alert\" id=\"error\">{Html.Encode(error)}</p>";
        var body = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Seoul City Diplomacy</title></head>
            <body>
            <main>
            <h1>Seoul City Diplomacy · <span lang="ko">서울시 도시외교</span></h1>
            <h2>Sign in · <span lang="ko">로그인</span></h2>
            {alert}
            <form method="post" action="{Path}">
            <input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken ?? "")}">
            <input type="hidden" name="returnUrl" value="{Html.Encode(returnUrl)}">
            <p><label for="userName">Account · <span lang="ko">계정</span></label><br>
            <select id="userName" name="userName" autocomplete="username">{options}</select></p>
            <p><label for="password">Password · <span lang="ko">비밀번호</span></label><br>
            <input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">Sign in · <span lang="ko">로그인</span></button></p>
            </form>
            </main>
            </body>
            </html>
            """;
        http.Response.Headers.ContentSecurityPolicy = policy;
        return Results.Content(body, "text/html; charset=utf-8", statusCode: error is null ? 200 : 400);
    }
}
