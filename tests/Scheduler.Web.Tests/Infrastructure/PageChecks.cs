using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>What every page state is held to: axe finds no serious or critical WCAG 2.x A/AA violation; and a screenshot.</summary>
public static class PageChecks
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Runs axe on the page as it is now and fails with each serious or critical violation and where it is.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string state)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(serious.Length == 0, $"axe, {state}: " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>A full-page screenshot named <paramref name="name"/> in the artifacts' screenshots folder.</summary>
    public static Task ScreenshotAsync(IPage page, BrowserFixture fixture, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.Screenshots, name + ".png"), FullPage = true });

    /// <summary>Waits until the page's script has finished its first load (its first search, or the console's sign-in check).</summary>
    public static Task ReadyAsync(IPage page) => page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 15_000 });
}
