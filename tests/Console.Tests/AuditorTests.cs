using Microsoft.Playwright;
using Npgsql;

namespace Diplomacy.Console.Tests;

/// <summary>An auditor walks a tie's history, replays it, sees its verification, and cannot write.</summary>
[Collection("console")]
public sealed class AuditorTests(ConsolePlatform platform)
{
    private const string Account = "auditor.diplomacy-strategy";

    [Fact]
    public async Task The_replay_at_version_1_shows_the_state_of_then_and_no_write_button_is_shown()
    {
        var id = await Seeds.SignedFriendshipAsync(platform, $"Da Nang {Guid.NewGuid():N}"[..16]);
        var page = await platform.Browser.NewPageAsync();
        await Browser.SignInAsync(page, Account, platform.DemoPassword);

        // By id alone, through the auditor tools and the gateway's audit door.
        await page.Locator("nav a[href='/audit']").ClickAsync();
        await platform.Browser.CheckPageAsync(page, "auditor-tools");
        await page.Locator("#initiative-id").FillAsync(id.ToString());
        await page.Locator("#open-by-id button").ClickAsync();
        await Assertions.Expect(page.Locator("#version")).ToHaveTextAsync("Version 2");
        await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("active");
        await Assertions.Expect(page.Locator("#verification")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("intact"));

        // The timeline names who, which department and which client wrote each version.
        var first = page.Locator("#timeline li[data-version='1']");
        await Assertions.Expect(first).ToContainTextAsync("console-tests");
        await Assertions.Expect(first).ToContainTextAsync("international-relations");
        await Assertions.Expect(first).ToContainTextAsync("cli");

        await page.Locator("#replay-version").FillAsync("1");
        await Assertions.Expect(page.Locator("#replay-at")).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("#replay-state")).ToContainTextAsync("proposed");
        await Assertions.Expect(page.Locator("#replay-state")).Not.ToContainTextAsync("active");
        await platform.Browser.CheckPageAsync(page, "auditor-initiative");

        Assert.Equal(0, await page.Locator("section.commands, form.command").CountAsync());
        await page.GoAsync("/lists/membership/partner-cities");
        await page.Locator("table").WaitForAsync();
        Assert.Equal(0, await page.Locator("details.create, form.command").CountAsync());
    }

    [Fact]
    public async Task An_event_tampered_with_in_the_database_shows_the_badge_broken_at_its_version()
    {
        var id = await Seeds.SignedFriendshipAsync(platform, $"Can Tho {Guid.NewGuid():N}"[..16]);
        await using (var connection = new NpgsqlConnection(platform.DatabaseOf("Membership")))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand(
                "update mt_events set data = jsonb_set(data, '{signedOn}', '\"1999\"') where stream_id = @id and version = 2", connection);
            tamper.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var page = await platform.Browser.NewPageAsync();
        await Browser.SignInAsync(page, Account, platform.DemoPassword);
        await page.GoAsync($"/initiatives/membership/partner-cities/{id}");
        var badge = page.Locator("#verification");
        await Assertions.Expect(badge).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("broken"));
        await Assertions.Expect(badge).ToContainTextAsync("2");
        await Assertions.Expect(badge).ToContainTextAsync("dataChanged");
        await platform.Browser.CheckPageAsync(page, "auditor-tampered");
    }
}
