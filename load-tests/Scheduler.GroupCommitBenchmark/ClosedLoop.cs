using System.Diagnostics;

namespace Scheduler.GroupCommitBenchmark;

/// <summary>
/// A closed-loop load: <c>count</c> requests, <c>concurrency</c> in flight, each worker taking the next number as soon as
/// its request is answered. Every request is timed from its start; what it answered is the caller's to record.
/// </summary>
public static class ClosedLoop
{
    /// <summary>Runs <paramref name="send"/> for 0 to <paramref name="count"/> - 1; answers the whole run's time and each request's latency, by number.</summary>
    public static async Task<(TimeSpan Elapsed, double[] LatenciesMs)> RunAsync(int count, int concurrency, Func<int, Task> send)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await send(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        return (clock.Elapsed, latencies);
    }
}
