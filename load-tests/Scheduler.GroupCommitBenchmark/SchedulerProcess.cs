using System.Diagnostics;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// The embedded API (co-hosted silo, localhost clustering) as its own process, from a copy of the Release build,
/// with the storage and group-commit setting of one run; stopped with SIGTERM.
/// </summary>
public sealed class SchedulerProcess : IAsyncDisposable
{
    private readonly Process process;

    private SchedulerProcess(Process process, Uri front, string log)
    {
        this.process = process;
        Front = front;
        Log = log;
    }

    public Uri Front { get; }

    public string Log { get; }

    /// <summary>Builds (when asked) and copies src/Scheduler.Api's Release output to the workspace; answers the dll.</summary>
    public static async Task<string> PrepareAsync(Workspace workspace, bool build)
    {
        var project = Path.Combine(workspace.RepositoryRoot, "src", "Scheduler.Api", "Scheduler.Api.csproj");
        if (build)
        {
            Console.WriteLine("building src/Scheduler.Api (Release)...");
            await workspace.RunAsync("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "q"], new Dictionary<string, string>());
        }

        var output = Path.Combine(workspace.RepositoryRoot, "src", "Scheduler.Api", "bin", "Release", "net10.0");
        if (!File.Exists(Path.Combine(output, "Scheduler.Api.dll")))
        {
            throw new InvalidOperationException($"{output}/Scheduler.Api.dll is missing; run without --no-build.");
        }

        var app = Path.Combine(workspace.Directory, "app");
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(app, Path.GetRelativePath(output, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        return Path.Combine(app, "Scheduler.Api.dll");
    }

    public static async Task<SchedulerProcess> StartAsync(string dll, string name, IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        var port = Workspace.FreePort();
        var front = new Uri($"http://127.0.0.1:{port}");
        var log = Path.Combine(logDirectory, name + ".log");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" >>\"$BENCH_SCHEDULER_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(front.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["BENCH_SCHEDULER_LOG"] = log;
        start.Environment["Scheduler__Silo__SiloPort"] = Workspace.FreePort().ToString();
        start.Environment["Scheduler__Silo__GatewayPort"] = Workspace.FreePort().ToString();
        start.Environment["Scheduler__ClusterId"] = "gc-bench-" + name;
        start.Environment["Scheduler__Clustering__Provider"] = "Localhost";
        start.Environment["Scheduler__Api__Mode"] = "CoHosted";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start)!;
        var scheduler = new SchedulerProcess(process, front, log);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the scheduler exited with {process.ExitCode}; see {log}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(front, "/health/ready"))).IsSuccessStatusCode)
                {
                    return scheduler;
                }
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                await scheduler.DisposeAsync();
                throw new TimeoutException($"the scheduler was not ready within 3 minutes; see {log}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
            {
                await term.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }
}
