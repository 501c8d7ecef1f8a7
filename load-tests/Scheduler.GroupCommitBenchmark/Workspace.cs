namespace Scheduler.GroupCommitBenchmark;

/// <summary>The checkout, a scratch directory of this run, and the commands the benchmark runs (output to a log file).</summary>
public sealed class Workspace
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("scheduler-gc-bench-").FullName;

    public string Log => Path.Combine(Directory, "commands.log");

    public static string Script(string name) => RepositoryRoot.Script(name);

    /// <summary>Runs to completion in the checkout; throws with the end of the output when it fails.</summary>
    public Task RunAsync(string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        ExternalCommand.RunAsync(file, arguments, environment, Log, CommandTimeout);

    /// <summary>Builds src/Scheduler.Api in Release (when asked) and copies its output here; answers the copy's folder.</summary>
    public async Task<string> PrepareAppAsync(bool build)
    {
        if (build)
        {
            Console.WriteLine("building src/Scheduler.Api (Release)...");
            await SchedulerBuild.BuildAsync(SchedulerBuild.Api, Log, TimeSpan.FromMinutes(10));
        }

        return SchedulerBuild.CopyOutput(SchedulerBuild.Api, Path.Combine(Directory, "app"));
    }

    /// <summary>
    /// The scheduler of one run, from <paramref name="app"/>: the embedded API (co-hosted silo, localhost clustering,
    /// warnings only) with <paramref name="settings"/>, on free ports, its log here as <c>{name}.log</c>; ready when answered.
    /// </summary>
    public async Task<(SchedulerProcess Scheduler, Uri Front)> StartSchedulerAsync(string app, string name, IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(settings)
        {
            ["Scheduler__Clustering__Provider"] = "Localhost",
            ["Scheduler__Api__Mode"] = "CoHosted",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in SchedulerProcess.OwnCluster("gc-bench-" + name, FreePorts.Any(), FreePorts.Any()))
        {
            all[key] = value;
        }

        var front = new Uri($"http://127.0.0.1:{FreePorts.Any()}");
        return (await SchedulerProcess.StartAsync(app, front, all, Path.Combine(Directory, name + ".log"), TimeSpan.FromMinutes(3)), front);
    }

    /// <summary>Removes the databases and the app copy (hundreds of MB); the logs stay.</summary>
    public void RemoveData()
    {
        foreach (var path in new[] { Path.Combine(Directory, "pg"), Path.Combine(Directory, "app") }.Where(System.IO.Directory.Exists))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.db*"))
        {
            File.Delete(file);
        }

        Console.WriteLine($"logs kept in {Directory}");
    }
}
