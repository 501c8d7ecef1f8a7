using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Running;

/// <summary>
/// Launches applicants at their scheduled instants whatever the server is doing (an open model). When
/// the in-flight cap is reached an arrival is dropped and counted, never delayed. The schedule is
/// walked on a thread of its own, so a busy thread pool (thousands of journeys on two cores) cannot
/// hold arrivals back; lateness that remains still counts, as latency from the scheduled instant.
/// </summary>
public sealed class OpenModelDriver(RunClock clock, RunRecorder recorder, int maxInFlight)
{
    /// <summary>
    /// Walks the schedule. <paramref name="prepare"/> runs on the driver's own thread (so it may use
    /// non-thread-safe generators) and returns the work that then runs on the thread pool.
    /// </summary>
    public Task<IReadOnlyList<Task>> RunAsync(IReadOnlyList<double> arrivals, Func<double, Func<Task>> prepare, CancellationToken ct) =>
        Task.Factory.StartNew(() => Walk(arrivals, prepare, ct), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private IReadOnlyList<Task> Walk(IReadOnlyList<double> arrivals, Func<double, Func<Task>> prepare, CancellationToken ct)
    {
        var running = new List<Task>(arrivals.Count);
        foreach (var at in arrivals)
        {
            if (!SleepUntil(at, ct))
            {
                break;
            }

            var work = prepare(at);
            if (recorder.TryLaunch(at, maxInFlight))
            {
                running.Add(Task.Run(work, CancellationToken.None));
            }
        }

        return running;
    }

    /// <summary>Blocks this thread until <paramref name="at"/>; false when cancelled first.</summary>
    private bool SleepUntil(double at, CancellationToken ct)
    {
        while (true)
        {
            if (ct.IsCancellationRequested)
            {
                return false;
            }

            var wait = at - clock.Now;
            if (wait <= 0)
            {
                return true;
            }

            // Sleep most of the way (returning early on cancellation), then yield for the last moment.
            if (wait > 0.002)
            {
                ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(wait - 0.001));
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
