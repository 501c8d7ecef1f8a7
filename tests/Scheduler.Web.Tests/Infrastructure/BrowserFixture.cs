namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>
/// One scheduler (<see cref="WebHostFactory"/>) and one headless Debian chromium, shared by the browser tests. The
/// browser is the machine's (<c>SCHEDULER_CHROMIUM</c>, else <c>/usr/bin/chromium</c>), launched through Playwright's
/// <c>ExecutablePath</c>; Playwright never downloads one. Without it the tests fail and say how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "SCHEDULER_CHROMIUM";

    private IPlaywright? playwright;

    public WebHostFactory Host { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> under the repository (CI keeps <c>artifacts/</c>).</summary>
    public string Screenshots { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    public static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } given ? given : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No chromium at {path}: the browser tests drive Debian's chromium. Install it with `apt-get install -y chromium` " +
                $"(.ci/run does), or set {ChromiumVariable} to a Chromium executable.");
        }

        return path;
    }

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath();
        Directory.CreateDirectory(Screenshots);
        Host.StartServer();
        using var http = new HttpClient { BaseAddress = Host.Address };
        if (!await ReadinessProbe.WaitAsync(http, Host.Address, TimeSpan.FromSeconds(90), () => true, CancellationToken.None))
        {
            throw new TimeoutException($"The scheduler at {Host.Address} was not ready within 90 s.");
        }

        // CI runs every test assembly at once on two cores: waits are generous, except where a test states its own bound
        // (the console's 2 s).
        Assertions.SetDefaultExpectTimeout(10_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root (CI) cannot use chromium's sandbox; the pages are our own.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh browser context (no cookies, cache or storage) at <paramref name="width"/> x <paramref name="height"/>.</summary>
    public Task<IBrowserContext> ContextAsync(int width, int height, string locale = "es-PE") =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            HasTouch = width < 600,
            IsMobile = false,
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
