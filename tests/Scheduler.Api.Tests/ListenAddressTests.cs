namespace Scheduler.Api.Tests;

/// <summary>
/// The built app listens where ASPNETCORE_URLS or --urls say, as any ASP.NET Core app does, in Development too
/// (appsettings.json once pinned "Urls", which beats ASPNETCORE_URLS). Each case starts Scheduler.Api.dll as a
/// process of its own on a free port, with a SQLite file and silo ports of its own.
/// </summary>
public sealed class ListenAddressTests
{
    private static readonly TimeSpan ListeningWithin = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task ASPNETCORE_URLS_decides_where_the_built_app_listens(string environment)
    {
        var port = FreePorts.Any();

        await using var app = StartBuiltApp(environment, $"http://127.0.0.1:{port}", arguments: []);

        await app.AssertListeningAsync(port);
    }

    [Fact]
    public async Task The_urls_argument_wins_over_ASPNETCORE_URLS()
    {
        var (ignored, port) = (FreePorts.Any(), FreePorts.Any());

        await using var app = StartBuiltApp("Development", $"http://127.0.0.1:{ignored}", ["--urls", $"http://127.0.0.1:{port}"]);

        await app.AssertListeningAsync(port);
    }

    private static RunningApp StartBuiltApp(string environment, string aspnetcoreUrls, string[] arguments)
    {
        var directory = new TemporaryDirectory();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["ASPNETCORE_URLS"] = aspnetcoreUrls,
            ["Scheduler__Storage__ConnectionString"] = $"Data Source={directory.File("scheduler.db")}",
            ["Scheduler__Seed__Enabled"] = "false",
            // About listening only: no operator routes, so Production needs no token settings.
            ["Scheduler__Api__OperatorRoutes"] = "false",
        };
        foreach (var (key, value) in SchedulerProcess.OwnCluster("listen-test-" + Guid.NewGuid().ToString("N"), FreePorts.Any(), FreePorts.Any()))
        {
            settings[key] = value;
        }

        // A Urls variable in the environment the tests run in would beat ASPNETCORE_URLS: only the case's own settings count.
        var process = SchedulerProcess.Start(BuiltAppDirectory(), arguments, settings, directory.File("scheduler.log"), unset: ["Urls", "URLS"]);
        return new RunningApp(process, directory);
    }

    /// <summary>The app's own build output (src/Scheduler.Api/bin/CONFIGURATION/TFM), built with this test project.</summary>
    private static string BuiltAppDirectory()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var directory = SchedulerBuild.Output(SchedulerBuild.Api, configuration: output.Parent!.Name, framework: output.Name);
        Assert.True(File.Exists(Path.Combine(directory, SchedulerProcess.AppFile)), $"{SchedulerProcess.AppFile} is not built in {directory}");
        return directory;
    }

    private sealed class RunningApp(SchedulerProcess process, TemporaryDirectory directory) : IAsyncDisposable
    {
        public async Task AssertListeningAsync(int port)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + ListeningWithin;
            while (true)
            {
                if (process.HasExited)
                {
                    Assert.Fail($"The app exited with {process.ExitCode}:\n{process.Tail(40)}");
                }

                try
                {
                    using var live = await http.GetAsync($"http://127.0.0.1:{port}/health/live");
                    if (live.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening there (yet).
                }

                Assert.True(DateTime.UtcNow < deadline, $"Nothing answered on port {port} within {ListeningWithin}:\n{process.Tail(40)}");
                await Task.Delay(200);
            }
        }

        public async ValueTask DisposeAsync()
        {
            // The case is over: no need for an orderly shutdown.
            await process.KillAsync();
            await process.DisposeAsync();
            directory.Dispose();
        }
    }
}
