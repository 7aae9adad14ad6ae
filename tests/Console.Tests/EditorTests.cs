using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Diplomacy.Console.Tests;

/// <summary>An editor of Membership (International Relations) records a tie through the console's forms.</summary>
[Collection("console")]
public sealed class EditorTests(ConsolePlatform platform)
{
    private const string Account = "editor.international-relations";
    private static readonly System.Text.RegularExpressions.Regex InitiativePage =
        new("/initiatives/membership/partner-cities/", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_bad_country_shows_at_its_field_and_appends_nothing_and_a_good_tie_signed_reaches_version_2()
    {
        var page = await platform.Browser.NewPageAsync();
        await Browser.SignInAsync(page, Account, platform.DemoPassword);
        var city = $"Hoi An {Guid.NewGuid():N}"[..16];

        await page.Locator("nav a[href='/lists']").ClickAsync();
        await page.Locator("a[href='/lists/membership/partner-cities']").ClickAsync();
        await page.Locator("details.create summary").ClickAsync();
        var form = page.Locator("details.create form");
        await form.Locator("[name=city]").FillAsync(city);
        await form.Locator("[name=country]").FillAsync("XX");
        await form.Locator("[name=jurisdiction]").SelectOptionAsync("city");
        await form.Locator("[name=tie]").SelectOptionAsync("friendship");
        await form.Locator("[name=proposedOn]").FillAsync("1996");
        await form.Locator("button[type=submit]").ClickAsync();

        // The 400's message for "country" is shown next to that field, which is marked invalid.
        var country = form.Locator("[name=country]");
        await Assertions.Expect(country).ToHaveAttributeAsync("aria-invalid", "true");
        var message = page.Locator($"#{await country.GetAttributeAsync("aria-describedby")}");
        await Assertions.Expect(message).Not.ToBeEmptyAsync();
        await platform.Browser.CheckPageAsync(page, "editor-create-invalid");
        using var api = await platform.ApiAsAsync("viewer", "international-relations");
        Assert.Equal(0, await CountAsync(api, city));

        await country.FillAsync("VN");
        await form.Locator("button[type=submit]").ClickAsync();
        await page.Explain(() => Assertions.Expect(page).ToHaveURLAsync(InitiativePage), "The created tie's page did not open");
        await Assertions.Expect(page.Locator("#version")).ToContainTextAsync("1");
        Assert.Equal(1, await CountAsync(api, city));

        var agreement = page.Locator("details.command-box", new() { Has = page.Locator("summary", new() { HasTextString = "agreement" }) });
        await agreement.Locator("summary").ClickAsync();
        await agreement.Locator("[name=signedOn]").FillAsync("1996-05");
        await agreement.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#version")).ToHaveTextAsync("Version 2");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("active");
        await platform.Browser.CheckPageAsync(page, "editor-initiative");
    }

    [Fact]
    public async Task A_command_the_state_forbids_shows_the_rule_and_a_stale_version_offers_to_reload()
    {
        var id = await Seeds.SignedFriendshipAsync(platform, $"Hue {Guid.NewGuid():N}"[..12]);
        var page = await platform.Browser.NewPageAsync();
        await Browser.SignInAsync(page, Account, platform.DemoPassword);
        await page.GoAsync($"/initiatives/membership/partner-cities/{id}");

        // Signed already: a second agreement is refused with the rule that forbids it.
        var agreement = page.Locator("details.command-box", new() { Has = page.Locator("summary", new() { HasTextString = "agreement" }) });
        await agreement.Locator("summary").ClickAsync();
        await agreement.Locator("[name=signedOn]").FillAsync("1997");
        await agreement.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(agreement.Locator(".rule")).ToContainTextAsync("once");

        // Someone else suspends it meanwhile: the page still shows version 2, so the service answers 412.
        using var api = await platform.ApiAsAsync("editor", "international-relations");
        using var suspended = await api.PostAsJsonAsync($"/api/membership/partner-cities/{id}/suspension", new { suspendedOn = "2001", reason = "review" });
        Assert.True(suspended.IsSuccessStatusCode, await suspended.Content.ReadAsStringAsync());
        var termination = page.Locator("details.command-box", new() { Has = page.Locator("summary", new() { HasTextString = "termination" }) });
        await termination.Locator("summary").ClickAsync();
        foreach (var input in await termination.Locator("input[type=text]").AllAsync()) await input.FillAsync("2002");
        await termination.Locator("button[type=submit]").ClickAsync();
        await termination.Locator("button.reload").ClickAsync();
        await Assertions.Expect(page.Locator("#version")).ToHaveTextAsync("Version 3");
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_and_is_sent_again_is_recorded_once()
    {
        var page = await platform.Browser.NewPageAsync();
        await Browser.SignInAsync(page, Account, platform.DemoPassword);
        var city = $"Da Nang {Guid.NewGuid():N}"[..16];

        // Every create POST goes to the service, but the first one's answer is lost: the browser is told it failed.
        var keys = new List<string?>();
        var replayed = new List<string?>();
        await page.RouteAsync(url => new Uri(url).AbsolutePath == "/api/membership/partner-cities", async route =>
        {
            if (route.Request.Method != "POST") { await route.FallbackAsync(); return; }
            keys.Add(await route.Request.HeaderValueAsync("Idempotency-Key"));
            var response = await route.FetchAsync();
            replayed.Add(response.Headers.GetValueOrDefault("idempotent-replayed"));
            if (keys.Count == 1) await route.AbortAsync("failed");
            else await route.FulfillAsync(new() { Response = response });
        });

        await page.GoAsync("/lists/membership/partner-cities");
        await page.Locator("details.create summary").ClickAsync();
        var form = page.Locator("details.create form");
        await form.Locator("[name=city]").FillAsync(city);
        await form.Locator("[name=country]").FillAsync("VN");
        await form.Locator("[name=jurisdiction]").SelectOptionAsync("city");
        await form.Locator("[name=tie]").SelectOptionAsync("friendship");
        await form.Locator("[name=proposedOn]").FillAsync("1996");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(form.Locator(".problem")).ToContainTextAsync("No answer came back");
        using var api = await platform.ApiAsAsync("viewer", "international-relations");
        Assert.Equal(1, await CountAsync(api, city));

        // The person sends the same values again: the service answers as the first time and records nothing more.
        await form.Locator("button[type=submit]").ClickAsync();
        await page.Explain(() => Assertions.Expect(page).ToHaveURLAsync(InitiativePage), "The created tie's page did not open");
        await Assertions.Expect(page.Locator("#version")).ToHaveTextAsync("Version 1");
        Assert.Equal(1, await CountAsync(api, city));
        Assert.Equal(2, keys.Count);
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", keys[0] ?? "(no Idempotency-Key)");
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal([null, "true"], replayed);
    }

    private static async Task<int> CountAsync(HttpClient api, string city)
    {
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/membership/partner-cities?city={Uri.EscapeDataString(city)}");
        return page.GetProperty("items").GetArrayLength();
    }
}
