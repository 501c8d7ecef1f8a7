using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Scheduler.Testing;

/// <summary>
/// A process started by a test or a load tool, its output appended to a log file. Stopping it asks nicely first
/// (SIGTERM to it and to the processes it started) and kills only what is left of its own tree after a grace
/// period; <see cref="KillAsync"/> is kill -9 at once.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(20);
    private readonly Process process;

    private ChildProcess(Process process, string logPath)
    {
        this.process = process;
        LogPath = logPath;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The exit code once the process has ended, else null.</summary>
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public string LogPath { get; }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="environment"/> added to ours, and without the variables
    /// named in <paramref name="unset"/>.
    /// </summary>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        string logPath,
        IEnumerable<string>? unset = null)
    {
        logPath = Path.GetFullPath(logPath);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);

        // Through bash, so that the output goes straight into the file rather than through a pipe of ours: a script
        // that leaves processes running in the background (cluster.sh's silos) must not leave them holding our pipes.
        // exec: the process we hold is the command itself, so a signal reaches it and nothing else. The log path is
        // bash's $0, the command and its arguments are "$@".
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >>\"$0\" 2>&1 </dev/null");
        start.ArgumentList.Add(logPath);
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in unset ?? [])
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        return new ChildProcess(process, logPath);
    }

    /// <summary>Waits for the process to end by itself; the exit code, or null when <paramref name="timeout"/> passed first.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string Tail(int lines)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return LastLines(reader.ReadToEnd(), lines);
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public static string LastLines(string text, int lines) => string.Join('\n', text.TrimEnd('\n').Split('\n').TakeLast(lines));

    /// <summary>SIGTERM to the process and its descendants; after <paramref name="grace"/>, SIGKILL to what is left of the tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        // A command that has ended may have left processes running on purpose (cluster.sh up): they are not ours to stop.
        if (process.HasExited)
        {
            return;
        }

        foreach (var pid in Descendants(process.Id).Append(process.Id))
        {
            _ = Kill(pid, SigTerm);
        }

        using var wait = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Past the grace period: killed below.
        }

        var leftovers = Descendants(process.Id).ToList();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        foreach (var pid in leftovers)
        {
            try
            {
                using var left = Process.GetProcessById(pid);
                left.Kill(entireProcessTree: true);
            }
            catch (Exception gone) when (gone is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>kill -9 of the process and its descendants: no shutdown hook, no flush, sockets dropped.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(DefaultGrace);
        process.Dispose();
    }

    /// <summary>Processes below <paramref name="root"/> in the process tree (Linux /proc; empty elsewhere).</summary>
    public static IEnumerable<int> Descendants(int root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                // Ended while we read, or not ours to read.
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (pid, parent) in parents)
            {
                if (parent == current)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
