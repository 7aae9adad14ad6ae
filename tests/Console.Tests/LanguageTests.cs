using Microsoft.Playwright;

namespace Diplomacy.Console.Tests;

/// <summary>Korean and English both render, the browser's language first, and partial dates keep their precision.</summary>
[Collection("console")]
public sealed class LanguageTests(ConsolePlatform platform)
{
    [Fact]
    public async Task Korean_by_the_browser_then_English_by_choice_with_dates_at_their_precision()
    {
        var id = await Seeds.SignedFriendshipAsync(platform, $"Hai Phong {Guid.NewGuid():N}"[..18]);
        var page = await platform.Browser.NewPageAsync("ko-KR");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Assertions.Expect(page.Locator("#sign-in")).ToHaveTextAsync("로그인");
        await Browser.SignInAsync(page, "viewer.international-relations", platform.DemoPassword);

        await page.GoAsync($"/initiatives/membership/partner-cities/{id}");
        await Assertions.Expect(page.Locator(".brand")).ToHaveTextAsync("서울시 도시외교");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("1996년 5월");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("1996년");
        await platform.Browser.CheckPageAsync(page, "language-korean");

        await page.Locator("#lang").SelectOptionAsync("en");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator(".brand")).ToHaveTextAsync("Seoul City Diplomacy");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("May 1996");
        await Assertions.Expect(page.Locator("#state")).Not.ToContainTextAsync("년");
        await platform.Browser.CheckPageAsync(page, "language-english");

        // Signing out ends the provider's session too: signing in again asks for the password.
        await page.Locator("#sign-out").ClickAsync();
        await Assertions.Expect(page.Locator("main #sign-in, main button.primary")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#who").CountAsync());
        await page.Locator("header #sign-in").ClickAsync();
        await page.Explain(() => Assertions.Expect(page).ToHaveURLAsync(Browser.ProviderForm), "Signing in again did not reach the provider's form");
        await platform.Browser.CheckPageAsync(page, "sign-in");
    }
}
