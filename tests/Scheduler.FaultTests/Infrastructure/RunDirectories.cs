namespace Scheduler.FaultTests.Infrastructure;

/// <summary>
/// Where each test run keeps its processes' state and logs: <c>/tmp/scheduler-fault-tests/{kind}-{pid}-{id}</c>. Logs of
/// the last few runs stay for diagnosis; older ones whose test process has ended are removed.
/// </summary>
public static class RunDirectories
{
    private const int Kept = 4;
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "scheduler-fault-tests");
    private static int pruned;

    public static string Create(string kind)
    {
        if (Interlocked.Exchange(ref pruned, 1) == 0)
        {
            Prune();
        }

        var directory = Path.Combine(Root, $"{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..(kind.Length + 30)]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static void Prune()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        var finished = new DirectoryInfo(Root).EnumerateDirectories()
            .Where(d => d.Name.Split('-') is [_, var pid, ..] && int.TryParse(pid, out var id) && !Directory.Exists($"/proc/{id}"))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(Kept);
        foreach (var directory in finished)
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                // Someone else's or in use: left alone.
            }
        }
    }
}
