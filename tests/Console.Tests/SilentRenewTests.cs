using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Diplomacy.Console.Tests;

/// <summary>
/// The console renews its access token silently: before the token ends (<see cref="ConsolePlatform.ConsoleTokenLifetime"/>),
/// it redeems its refresh token at the provider from the page itself, the next API call carries the new token and
/// succeeds, the page never reloads, and no token is ever written to localStorage or sessionStorage.
/// </summary>
[Collection("console")]
public sealed class SilentRenewTests(ConsolePlatform platform)
{
    [Fact]
    public async Task The_token_is_renewed_without_a_reload_and_the_next_call_carries_the_new_one()
    {
        var page = await platform.Browser.NewPageAsync();
        var bearers = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) && request.Headers.TryGetValue("authorization", out var bearer))
                lock (bearers) bearers.Add(bearer);
        };
        var tokenEndpoint = new Uri(platform.Identity, "connect/token").AbsoluteUri;
        // Waiting from before the sign-in, so a renewal that comes early is seen too; the code's redemption is not one.
        var renewal = page.WaitForResponseAsync(r => r.Url == tokenEndpoint && r.Request.Method == "POST"
            && (r.Request.PostData ?? "").Contains("grant_type=refresh_token", StringComparison.Ordinal),
            new() { Timeout = (float)(ConsolePlatform.ConsoleTokenLifetime + TimeSpan.FromSeconds(60)).TotalMilliseconds });

        await Browser.SignInAsync(page, "viewer.diplomacy-strategy", platform.DemoPassword);
        await page.WaitForFunctionAsync("() => !document.getElementById('main').hasAttribute('aria-busy')");
        string first;
        lock (bearers)
        {
            Assert.NotEmpty(bearers);
            first = bearers[0];
        }
        // A mark on the window: a reload, or a redirect through the provider, would lose it.
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        var renewed = await renewal;
        Assert.Equal(200, renewed.Status);
        var tokens = (await renewed.JsonAsync())!.Value;
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.NotEqual(first, $"Bearer {access}");

        // The next call: the list of partner cities, reached as the console's links go (no reload).
        var call = await page.RunAndWaitForResponseAsync(() => page.GoAsync("/lists/membership/partner-cities"),
            r => new Uri(r.Url).AbsolutePath == "/api/membership/partner-cities");
        Assert.Equal(200, call.Status);
        var sent = await call.Request.HeaderValueAsync("authorization");
        Assert.NotEqual(first, sent);
        Assert.True(ExpiresAt(sent!) > ExpiresAt(first), $"The call after the renewal carried a token no newer than the first: {sent}");
        Assert.Equal(0, await page.Locator("main [role=alert]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page reloaded to renew its token.");
        await Assertions.Expect(page.Locator("#who")).ToBeVisibleAsync();

        var stored = await page.EvaluateAsync<string>("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])");
        var secrets = new List<string> { first["Bearer ".Length..], access, tokens.GetProperty("refresh_token").GetString()! };
        if (tokens.TryGetProperty("id_token", out var id)) secrets.Add(id.GetString()!);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("_token", stored, StringComparison.Ordinal);
        await platform.Browser.CheckPageAsync(page, "after-silent-renew");
    }

    /// <summary>The <c>exp</c> of a bearer JWT, read from its payload (the services check its signature; here only its age matters).</summary>
    private static long ExpiresAt(string bearer)
    {
        var payload = bearer["Bearer ".Length..].Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.GetProperty("exp").GetInt64();
    }
}
