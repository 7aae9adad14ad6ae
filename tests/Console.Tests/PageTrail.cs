using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Diplomacy.Console.Tests;

/// <summary>
/// What a page asked for, got, said and where it went, with the time since it opened: told in the message of a step
/// that failed, since a browser test's failure alone ("Timeout 20000ms exceeded") does not say why.
/// </summary>
public static class PageTrail
{
    private const int Kept = 60;
    private static readonly ConditionalWeakTable<IPage, ConcurrentQueue<string>> Trails = new();

    public static void Follow(IPage page)
    {
        var clock = Stopwatch.StartNew();
        var trail = Trails.GetValue(page, _ => new ConcurrentQueue<string>());
        void Note(string what)
        {
            trail.Enqueue($"{clock.ElapsedMilliseconds,7} ms  {what}");
            while (trail.Count > Kept) trail.TryDequeue(out _);
        }
        page.Request += (_, r) => Note($"{r.Method} {Short(r.Url)}");
        page.Response += (_, r) => Note($"{r.Status} {r.Request.Method} {Short(r.Url)}");
        page.RequestFailed += (_, r) => Note($"failed {r.Method} {Short(r.Url)}: {r.Failure}");
        page.Console += (_, m) => Note($"console {m.Type}: {m.Text}");
        page.PageError += (_, e) => Note($"page error: {e}");
        page.FrameNavigated += (_, f) => { if (f == page.MainFrame) Note($"at {Short(f.Url)}"); };
    }

    // An address without its query's tail (an authorization code says nothing and fills the message), a page's text cut short.
    private static string Short(string text, int length = 120) => text.Length <= length ? text : $"{text[..length]}…";

    /// <summary>Runs <paramref name="step"/>; if it fails, the failure names the page's address, what it says and its last events.</summary>
    public static async Task Explain(this IPage page, Func<Task> step, string what)
    {
        try { await step(); }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            string text;
            try { text = Short((await page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 })).ReplaceLineEndings(" "), 400); }
            catch (Exception unreadable) when (unreadable is PlaywrightException or TimeoutException) { text = "(unreadable)"; }
            throw new TimeoutException($"{what}: {e.Message.Split('\n')[0]}{Environment.NewLine}The page is at {page.Url}, saying: {text}"
                + $"{Environment.NewLine}Its last events:{Environment.NewLine}" + string.Join(Environment.NewLine, Trails.TryGetValue(page, out var trail) ? trail : []), e);
        }
    }
}
