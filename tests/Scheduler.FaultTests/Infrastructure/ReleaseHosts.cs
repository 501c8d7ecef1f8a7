namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// The Release builds of the two hosts the tests start as processes (what scripts/cluster.sh runs), built
/// once per test run. <c>SCHEDULER_FAULT_TESTS_NO_BUILD=1</c> reuses existing Release output.
/// </summary>
public static class ReleaseHosts
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private static readonly object Gate = new();
    private static Task? built;

    public static Task EnsureBuiltAsync(string logPath)
    {
        lock (Gate)
        {
            return built ??= BuildAsync(logPath);
        }
    }

    private static async Task BuildAsync(string logPath)
    {
        var reuse = Environment.GetEnvironmentVariable("SCHEDULER_FAULT_TESTS_NO_BUILD") is "1" or "true";
        foreach (var project in new[] { SchedulerBuild.Silo, SchedulerBuild.Api })
        {
            if (!reuse || !File.Exists(Path.Combine(SchedulerBuild.Output(project), project + ".dll")))
            {
                await SchedulerBuild.BuildAsync(project, logPath, BuildTimeout);
            }
        }
    }
}
