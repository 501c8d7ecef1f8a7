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
