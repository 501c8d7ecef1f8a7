namespace Scheduler.LoadTests.Hosting;

/// <summary>
/// Runtime settings that make the load tool cheap per request on a machine it shares with the
/// scheduler. Measured with <c>perf</c> on 2 cores (docs/benchmarks.md): with the defaults, thread-pool
/// workers spent about half of the tool's CPU spinning in <c>sched_yield</c> waiting for work and every
/// answer hopped from the epoll thread to a pool thread.
/// <list type="bullet">
/// <item><c>System.Threading.ThreadPool.UnfairSemaphoreSpinLimit=0</c> (in the project file): idle pool
/// threads block at once instead of spinning;</item>
/// <item><c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> (set here, before the first socket): socket
/// continuations (reading an answer, the journey's next step, sending the next request) run on the
/// epoll threads themselves. The journeys never block, so nothing stalls the event loop.</item>
/// </list>
/// A value already present in the environment wins. Child processes (the scheduler, cluster.sh) get
/// the environment without what was set here (<see cref="SetForToolOnly"/>).
/// </summary>
public static class ToolRuntime
{
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private static readonly HashSet<string> SetHere = new(StringComparer.Ordinal);

    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
            lock (SetHere)
            {
                SetHere.Add(InlineCompletions);
            }
        }
    }

    /// <summary>What <see cref="Apply"/> set for the tool alone: a child process (the scheduler, cluster.sh) starts without it.</summary>
    public static IReadOnlyList<string> SetForToolOnly()
    {
        lock (SetHere)
        {
            return [.. SetHere];
        }
    }
}
