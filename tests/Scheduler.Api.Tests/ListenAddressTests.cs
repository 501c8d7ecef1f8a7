using System.Diagnostics;
using System.Net.Sockets;

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
        var port = FreePort();

        await using var app = StartBuiltApp(environment, $"http://127.0.0.1:{port}", arguments: []);

        await app.AssertListeningAsync(port);
    }

    [Fact]
    public async Task The_urls_argument_wins_over_ASPNETCORE_URLS()
    {
        var (ignored, port) = (FreePort(), FreePort());

        await using var app = StartBuiltApp("Development", $"http://127.0.0.1:{ignored}", ["--urls", $"http://127.0.0.1:{port}"]);

        await app.AssertListeningAsync(port);
    }

    private static RunningApp StartBuiltApp(string environment, string aspnetcoreUrls, string[] arguments)
    {
        var directory = new TemporaryDirectory();
        var appDirectory = BuiltAppDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(appDirectory, "Scheduler.Api.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = aspnetcoreUrls;
        start.Environment.Remove("Urls");
        start.Environment.Remove("URLS");
        start.Environment["Scheduler__Storage__ConnectionString"] = $"Data Source={directory.File("scheduler.db")}";
        start.Environment["Scheduler__ClusterId"] = "listen-test-" + Guid.NewGuid().ToString("N");
        start.Environment["Scheduler__Silo__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Scheduler__Silo__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Scheduler__Seed__Enabled"] = "false";
        // About listening only: no operator routes, so Production needs no token settings.
        start.Environment["Scheduler__Api__OperatorRoutes"] = "false";
        var process = Process.Start(start)!;
        return new RunningApp(process, directory);
    }

    /// <summary>The app's own build output (src/Scheduler.Api/bin/CONFIGURATION/TFM), built with this test project.</summary>
    private static string BuiltAppDirectory()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Scheduler.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var directory = Path.Combine(root.FullName, "src", "Scheduler.Api", "bin", configuration, framework);
        Assert.True(File.Exists(Path.Combine(directory, "Scheduler.Api.dll")), $"Scheduler.Api.dll is not built in {directory}");
        return directory;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RunningApp(Process process, TemporaryDirectory directory) : IAsyncDisposable
    {
        private readonly Task<string> output = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> errors = process.StandardError.ReadToEndAsync();

        public async Task AssertListeningAsync(int port)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + ListeningWithin;
            while (true)
            {
                if (process.HasExited)
                {
                    Assert.Fail($"The app exited with {process.ExitCode}: {await output}{await errors}");
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

                Assert.True(DateTime.UtcNow < deadline, $"Nothing answered on port {port} within {ListeningWithin}");
                await Task.Delay(200);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await Task.WhenAll(output, errors);
            process.Dispose();
            directory.Dispose();
        }
    }
}
