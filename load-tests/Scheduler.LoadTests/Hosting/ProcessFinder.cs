using System.Globalization;
using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Hosting;

/// <summary>Finds the processes behind a target on Linux: by command line, from cluster.sh's records, from PostgreSQL's pid file.</summary>
public static class ProcessFinder
{
    /// <summary>The command line of a process, arguments separated by spaces ("" when unreadable).</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>A watched entry per process id, named after its command (<c>--watch-pid</c>).</summary>
    public static WatchedProcess ByPid(int pid)
    {
        var command = CommandLine(pid);
        var dll = command.Split(' ').FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal) || a.Contains("Scheduler.", StringComparison.Ordinal));
        var name = dll is not null ? Path.GetFileNameWithoutExtension(dll) : command.Split(' ')[0];
        return new WatchedProcess($"{(name.Length == 0 ? "process" : name)} (pid {pid.ToString(CultureInfo.InvariantCulture)})", pid);
    }

    /// <summary>The PostgreSQL server whose data directory is <paramref name="dataDirectory"/> (postmaster and its backends), if it runs.</summary>
    public static WatchedProcess? PostgreSql(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && Directory.Exists($"/proc/{pid}")
                ? new WatchedProcess("postgresql (all backends)", pid, WithDescendants: true)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The processes <c>scripts/cluster.sh</c> recorded in <c>&lt;cluster dir&gt;/pids</c> (silo0, api1, ...).</summary>
    public static IReadOnlyList<WatchedProcess> ClusterRecords(string clusterDirectory)
    {
        var found = new List<WatchedProcess>();
        var pids = Path.Combine(clusterDirectory, "pids");
        if (!Directory.Exists(pids))
        {
            return found;
        }

        foreach (var file in Directory.GetFiles(pids, "*.pid").Order(StringComparer.Ordinal))
        {
            try
            {
                var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("pid=", StringComparison.Ordinal));
                if (line is not null && int.TryParse(line[4..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && Directory.Exists($"/proc/{pid}"))
                {
                    found.Add(new WatchedProcess(Path.GetFileNameWithoutExtension(file), pid));
                }
            }
            catch (IOException)
            {
            }
        }

        return found;
    }
}
