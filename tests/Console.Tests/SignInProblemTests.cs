using Microsoft.Playwright;

namespace Diplomacy.Console.Tests;

/// <summary>
/// When the provider cannot be reached, the console says so (in an alert) instead of doing nothing, keeps the person
/// where they are, and the same button signs in once the provider answers again; a reload that cannot renew the
/// session says so too.
/// </summary>
[Collection("console")]
public sealed class SignInProblemTests(ConsolePlatform platform)
{
    private const string Discovery = "**/.well-known/openid-configuration";

    [Fact]
    public async Task An_unreachable_provider_is_told_and_the_button_works_once_it_answers()
    {
        var page = await platform.Browser.NewPageAsync();
        await page.GotoAsync("/");
        // The browser's request for the provider's discovery document fails as a refused connection would.
        await page.RouteAsync(Discovery, route => route.AbortAsync("connectionrefused"));

        await page.Locator("#sign-in").ClickAsync();
        var problem = page.Locator("main [role=alert]#sign-in-problem");
        await Assertions.Expect(problem).ToContainTextAsync("could not be completed");
        Assert.StartsWith(platform.Gateway.GetLeftPart(UriPartial.Authority), page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#who").CountAsync());
        await platform.Browser.CheckPageAsync(page, "sign-in-problem");

        await page.UnrouteAsync(Discovery);
        await page.Locator("main button.primary").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(Browser.ProviderForm);
        await Browser.CompleteSignInAsync(page, "viewer.international-relations", platform.DemoPassword);

        // Signed in, the tokens are in memory only: a reload renews the session at the provider, which is unreachable.
        await page.RouteAsync(Discovery, route => route.AbortAsync("connectionrefused"));
        await page.ReloadAsync();
        await Assertions.Expect(problem).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#who").CountAsync());
    }

    [Fact]
    public async Task A_callback_that_cannot_be_redeemed_is_told_and_signing_in_again_lands_on_the_dashboard()
    {
        var page = await platform.Browser.NewPageAsync();
        // A code and state this browser never asked for: a spent or forged callback, or one opened in another tab.
        await page.GotoAsync("/signin-callback?code=not-a-code&state=not-a-state");
        await Assertions.Expect(page.Locator("main [role=alert]#sign-in-problem")).ToContainTextAsync("could not be completed");
        Assert.Equal(0, await page.Locator("#who").CountAsync());

        await page.Locator("main button.primary").ClickAsync();
        await page.Explain(() => Assertions.Expect(page).ToHaveURLAsync(Browser.ProviderForm), "Signing in again did not reach the provider's form");
        await Browser.CompleteSignInAsync(page, "viewer.international-relations", platform.DemoPassword);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    }
}
