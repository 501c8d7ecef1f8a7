using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>The checkout, a scratch directory of this run, and the commands the benchmark runs (output to a log file).</summary>
public sealed class Workspace
{
    public Workspace()
    {
        RepositoryRoot = FindRepositoryRoot();
        Directory = System.IO.Directory.CreateTempSubdirectory("scheduler-gc-bench-").FullName;
    }

    public string RepositoryRoot { get; }

    public string Directory { get; }

    public string Log => Path.Combine(Directory, "commands.log");

    public string Script(string name) => Path.Combine(RepositoryRoot, "scripts", name);

    /// <summary>Runs to completion; throws with the end of the output when it fails.</summary>
    public async Task RunAsync(string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = RepositoryRoot };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >>\"$BENCH_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(file);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["BENCH_LOG"] = Log;
        await File.AppendAllTextAsync(Log, $"$ {file} {string.Join(' ', arguments)}\n");
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var tail = File.ReadAllLines(Log).TakeLast(30);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{string.Join('\n', tail)}");
        }
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")) && File.Exists(Path.Combine(directory.FullName, "scripts", "pg.sh")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the repository (no Scheduler.sln with scripts/pg.sh above the current directory).");
    }
}
