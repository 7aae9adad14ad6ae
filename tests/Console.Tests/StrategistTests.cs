using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Diplomacy.Console.Tests;

/// <summary>A strategist (Diplomacy Strategy, viewer) signs in and reads the portfolio.</summary>
[Collection("console")]
public sealed class StrategistTests(ConsolePlatform platform)
{
    private const string Account = "viewer.diplomacy-strategy";

    [Fact]
    public async Task The_dashboard_shows_the_figures_of_the_api_in_at_most_5_requests_and_a_city_opens_from_the_map()
    {
        // A tie the portfolio learns from Membership's events, so the map has a country to open whatever ran before.
        await Seeds.SignedFriendshipAsync(platform, "Hai Phong");
        using (var reader = await platform.ApiAsAsync("viewer", "diplomacy-strategy"))
        {
            await Eventually.True(async () =>
                (await reader.GetFromJsonAsync<JsonElement>("/api/portfolio/cities?country=VN")).GetProperty("items").GetArrayLength() > 0,
                TimeSpan.FromSeconds(60), "the portfolio to learn the tie");
            // Signed in May 1996: once the portfolio has the signature too, its answers stand still while the page reads them.
            await Eventually.True(async () =>
                (await reader.GetFromJsonAsync<JsonElement>("/api/portfolio/cities/vn-hai-phong")).GetProperty("city").TryGetProperty("tieStatus", out var status)
                && status.GetString() == "active", TimeSpan.FromSeconds(60), "the portfolio to learn the tie's signature");
        }

        var page = await platform.Browser.NewPageAsync();
        var portfolioRequests = 0;
        page.Request += (_, request) => { if (new Uri(request.Url).AbsolutePath.StartsWith("/api/portfolio", StringComparison.Ordinal)) portfolioRequests++; };
        await Browser.SignInAsync(page, Account, platform.DemoPassword);
        await page.WaitForFunctionAsync("() => !document.getElementById('main').hasAttribute('aria-busy')");

        await page.Locator("#assets").WaitForAsync();
        Assert.InRange(portfolioRequests, 1, 5);
        await platform.Browser.CheckPageAsync(page, "dashboard");

        using var api = await platform.ApiAsAsync("viewer", "diplomacy-strategy");
        var assets = await api.GetFromJsonAsync<JsonElement>("/api/portfolio/assets");
        // Every number the dashboard shows is tagged with its answer and its path there: each equals the API's.
        var answers = new Dictionary<string, JsonElement>
        {
            ["assets"] = assets,
            ["funnel"] = await api.GetFromJsonAsync<JsonElement>("/api/portfolio/funnel"),
            ["goals"] = await api.GetFromJsonAsync<JsonElement>("/api/portfolio/goals"),
        };
        foreach (var (source, answer) in answers)
        {
            var figures = page.Locator($"[data-source={source}][data-figure]");
            var shown = await figures.CountAsync();
            Assert.True(shown > 0 || source == "goals", $"The dashboard shows no figure of the {source}.");
            for (var i = 0; i < shown; i++)
            {
                var figure = figures.Nth(i);
                var path = await figure.GetAttributeAsync("data-figure");
                var expected = At(answer, path!);
                Assert.True(Digits(expected.GetDouble().ToString("0.##", CultureInfo.InvariantCulture)) == Digits(await figure.InnerTextAsync()),
                    $"{source} {path}: the page shows {await figure.InnerTextAsync()}, the API answers {expected}");
            }
        }

        // Ties over the decades: one bar per decade of the API's partnerCities.byDecade, in its order, each with its count;
        // the seeded tie (signed in May 1996) is in the 1990s.
        var byDecade = assets.GetProperty("partnerCities").GetProperty("byDecade").EnumerateObject().ToList();
        Assert.Contains(byDecade, d => d.Name == "1990s" && d.Value.GetInt32() >= 1);
        var bars = page.Locator("#decades li[data-decade]");
        Assert.Equal(byDecade.Select(d => d.Name), await bars.EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.decade)"));
        foreach (var d in byDecade)
        {
            var count = page.Locator($"#decades [data-figure='partnerCities.byDecade.{d.Name}']");
            await Assertions.Expect(count).ToHaveTextAsync(d.Value.GetInt32().ToString(CultureInfo.InvariantCulture));
        }

        var country = page.Locator("svg.world a[data-country]").First;
        // An SVG link is hit-tested through its shape, which Playwright's visibility check does not always see: dispatch the click to it.
        await country.DispatchEventAsync("click");
        var city = page.Locator("#map-cities a").First;
        var name = await city.InnerTextAsync();
        await city.ClickAsync();
        await Assertions.Expect(page.Locator("#city-name")).ToHaveTextAsync(name);
        await platform.Browser.CheckPageAsync(page, "city");
    }

    [Fact]
    public async Task Every_list_renders_with_its_filters()
    {
        var page = await platform.Browser.NewPageAsync();
        await Browser.SignInAsync(page, Account, platform.DemoPassword);
        await page.GoAsync("/lists");
        await platform.Browser.CheckPageAsync(page, "lists");
        var links = await page.Locator("main li a[href^='/lists/']").EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))");
        Assert.Contains("/lists/membership/partner-cities", links);
        foreach (var link in links)
        {
            await page.GoAsync(link);
            Assert.Equal(0, await page.Locator("main [role=alert]").CountAsync());
            await Assertions.Expect(page.Locator("main h1")).Not.ToHaveTextAsync("Error");
        }
        await page.GoAsync("/lists/membership/partner-cities?country=VN&tie=friendship");
        await Assertions.Expect(page.Locator("#filter-country")).ToHaveValueAsync("VN");
        await platform.Browser.CheckPageAsync(page, "list-partner-cities");
    }

    private static JsonElement At(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Replace("[", ".[").Split('.', StringSplitOptions.RemoveEmptyEntries))
            current = part.StartsWith('[') ? current[int.Parse(part.Trim('[', ']'), CultureInfo.InvariantCulture)] : current.GetProperty(part);
        return current;
    }

    private static string Digits(string text) => new(text.Where(char.IsDigit).ToArray());
}
