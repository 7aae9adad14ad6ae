using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Diplomacy.Console.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (never a downloaded browser), and what every page of a test goes through:
/// signing in at the local provider, an axe-core check for serious or critical violations, and a screenshot.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _gateway;
    private readonly string _screenshots;

    private Browser(IPlaywright playwright, IBrowser browser, Uri gateway, string screenshots)
    {
        (_playwright, _browser, _gateway, _screenshots) = (playwright, browser, gateway, screenshots);
    }

    public static async Task<Browser> LaunchAsync(Uri gateway, string screenshots)
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium (deploy/test.sh does it).");
        Directory.CreateDirectory(screenshots);
        // Expectations poll; on a loaded machine a page can take longer than their default 5 s, as it can for actions.
        Assertions.SetDefaultExpectTimeout(20_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = Arguments });
        return new Browser(playwright, browser, gateway, screenshots);
    }

    /// <summary>A fresh context (no cookies, no storage) whose browser language is <paramref name="locale"/>.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-GB")
    {
        var context = await _browser.NewContextAsync(new() { Locale = locale, BaseURL = _gateway.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        // What the page said goes to the test's output, to tell a failure's cause.
        page.Console += (_, message) => System.Console.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => System.Console.WriteLine($"[browser error] {error}");
        PageTrail.Follow(page);
        return page;
    }

    /// <summary>The provider's sign-in form, where the console sends a person who is not signed in.</summary>
    public static readonly System.Text.RegularExpressions.Regex ProviderForm = new("/account/sign-in", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>From the console's start page through the provider's sign-in form and back, signed in as <paramref name="account"/>.</summary>
    public static async Task SignInAsync(IPage page, string account, string password)
    {
        await page.GotoAsync("/");
        // A click that does not leave the console is made again, twice at most: a console that could not reach the
        // provider says so and keeps its button.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("#sign-in").ClickAsync();
            try
            {
                // A polled expectation on the page's address: it cannot miss a navigation that commits early.
                await page.Explain(() => Assertions.Expect(page).ToHaveURLAsync(ProviderForm), "The console did not leave for the provider's form");
                break;
            }
            // Left just as the wait gave up: no second click on a page that is going.
            catch (TimeoutException) when (attempt < 3) { if (ProviderForm.IsMatch(page.Url)) break; }
        }
        await CompleteSignInAsync(page, account, password);
    }

    /// <summary>On the provider's form: signs in as <paramref name="account"/> and waits to be back in the console.</summary>
    public static async Task CompleteSignInAsync(IPage page, string account, string password)
    {
        await page.Locator("#userName").SelectOptionAsync(account);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Explain(() => page.Locator("#who").WaitForAsync(), "Not signed in");
        // The header names the person and their role and department from the ID token.
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync($"({account.Replace('.', ',').Replace(",", ", ", StringComparison.Ordinal)})");
    }

    /// <summary>No serious or critical axe-core violation on the page as it stands, and a screenshot of it named <paramref name="name"/>.</summary>
    public async Task CheckPageAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(_screenshots, $"{name}.png"), FullPage = true });
        var results = await page.RunAxe();
        var bad = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{name}: axe found {bad.Count} serious or critical violations:{Environment.NewLine}" +
            string.Join(Environment.NewLine, bad.Select(v => $"  {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>Moving inside the console as its links do (no reload, so the tokens in memory stay).</summary>
public static class PageNavigation
{
    public static async Task GoAsync(this IPage page, string path)
    {
        await page.EvaluateAsync("p => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }", path);
        // A page's first read of a service's OpenAPI document can take a while on a loaded machine.
        await page.WaitForFunctionAsync("() => !document.getElementById('main').hasAttribute('aria-busy')", null, new() { Timeout = 60_000 });
    }
}
