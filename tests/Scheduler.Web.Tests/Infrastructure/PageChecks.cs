using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>What every page state is held to: axe finds no serious or critical WCAG 2.x A/AA violation; and a screenshot.</summary>
public static class PageChecks
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Problems = [];

    /// <summary>
    /// A new page of <paramref name="context"/> whose script errors and Content-Security-Policy refusals are recorded;
    /// <see cref="AssertAccessibleAsync"/> fails on any. (Error answers of the API are expected and not counted.)
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var problems = Problems.GetOrCreateValue(page);
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                problems.Add("CSP: " + message.Text);
            }
        };
        return page;
    }

    /// <summary>Runs axe on the page as it is now and fails with each serious or critical violation and where it is.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string state)
    {
        if (Problems.TryGetValue(page, out var problems))
        {
            Assert.True(problems.Count == 0, $"{state}: " + string.Join("; ", problems));
        }

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(serious.Length == 0, $"axe, {state}: " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>The page reflows to the viewport's width: nothing makes the whole page scroll sideways (WCAG 1.4.10).</summary>
    public static async Task AssertFitsWidthAsync(IPage page, string state)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var viewport = await page.EvaluateAsync<int>("() => innerWidth");
        Assert.True(width <= viewport, $"{state}: the page is {width} px wide in a {viewport} px viewport");
    }

    /// <summary>A full-page screenshot named <paramref name="name"/> in the artifacts' screenshots folder.</summary>
    public static Task ScreenshotAsync(IPage page, BrowserFixture fixture, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Screenshots, name + ".png"), FullPage = true });

    /// <summary>Waits until the page's script has finished its first load (its first search, or the console's sign-in check).</summary>
    public static Task ReadyAsync(IPage page) => page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 15_000 });
}
