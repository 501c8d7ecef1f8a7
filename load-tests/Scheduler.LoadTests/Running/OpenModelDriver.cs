using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Running;

/// <summary>
/// Launches applicants at their scheduled instants whatever the server is doing (an open model). When
/// the in-flight cap is reached an arrival is dropped and counted, never delayed.
/// </summary>
public sealed class OpenModelDriver(RunClock clock, RunRecorder recorder, int maxInFlight)
{
    /// <summary>
    /// Walks the schedule. <paramref name="prepare"/> runs on the driver's own loop (so it may use
    /// non-thread-safe generators) and returns the work that then runs on the thread pool.
    /// </summary>
    public async Task<IReadOnlyList<Task>> RunAsync(IReadOnlyList<double> arrivals, Func<double, Func<Task>> prepare, CancellationToken ct)
    {
        var running = new List<Task>(arrivals.Count);
        foreach (var at in arrivals)
        {
            if (ct.IsCancellationRequested)
            {
                break;
            }

            if (at > clock.Now)
            {
                try
                {
                    await clock.WaitUntil(at, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var work = prepare(at);
            if (recorder.TryLaunch(at, maxInFlight))
            {
                running.Add(Task.Run(work, CancellationToken.None));
            }
        }

        return running;
    }
}
