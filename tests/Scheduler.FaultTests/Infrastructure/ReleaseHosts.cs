namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// The Release builds of the two hosts the tests start as processes (what scripts/cluster.sh runs), built
/// once per test run. <c>SCHEDULER_FAULT_TESTS_NO_BUILD=1</c> reuses existing Release output.
/// </summary>
public static class ReleaseHosts
{
    private static readonly object Gate = new();
    private static Task? built;

    public static string ApiOutput => Output("Scheduler.Api");

    public static string ApiDll => Path.Combine(ApiOutput, "Scheduler.Api.dll");

    public static Task EnsureBuiltAsync(string logPath)
    {
        lock (Gate)
        {
            return built ??= BuildAsync(logPath);
        }
    }

    private static string Output(string project) => Path.Combine(RepositoryRoot.Path, "src", project, "bin", "Release", "net10.0");

    private static async Task BuildAsync(string logPath)
    {
        var reuse = Environment.GetEnvironmentVariable("SCHEDULER_FAULT_TESTS_NO_BUILD") is "1" or "true";
        foreach (var project in new[] { "Scheduler.Silo", "Scheduler.Api" })
        {
            if (reuse && File.Exists(Path.Combine(Output(project), project + ".dll")))
            {
                continue;
            }

            var arguments = new[] { "build", Path.Combine(RepositoryRoot.Path, "src", project, project + ".csproj"), "-c", "Release", "-nologo", "-v", "q" };
            var environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
            var (exitCode, output) = await ExternalCommand.TryRunAsync("dotnet", arguments, environment, logPath, TimeSpan.FromMinutes(4));
            if (exitCode != 0)
            {
                // A build running next to ours (a shared checkout) can hold a file for a moment: one retry.
                await Task.Delay(TimeSpan.FromSeconds(2));
                (exitCode, output) = await ExternalCommand.TryRunAsync("dotnet", arguments, environment, logPath, TimeSpan.FromMinutes(4));
            }

            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet build -c Release of {project} failed:\n{ExternalCommand.Tail(output, 30)}");
            }
        }
    }
}
