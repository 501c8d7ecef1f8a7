using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Running;

/// <summary>
/// Launches applicants at their scheduled instants whatever the server is doing (an open model). When
/// the in-flight cap is reached an arrival is dropped and counted, never delayed.
/// </summary>
/// <remarks>
/// The schedule is walked on a thread of its own in ticks: it sleeps until the next arrival is due
/// (1 ms at a time once arrivals are closer than that, never spinning), then starts every arrival
/// whose instant has passed, right there: a journey runs on this thread only until its first request
/// is on the wire, then goes on wherever its answer arrives. No thread-pool thread is woken per
/// arrival (waking one costs more than starting a journey, measured on 2 cores), a busy thread pool
/// cannot hold arrivals back, and no timer is armed per applicant; the lateness that remains (about a
/// tick, plus the time to start the arrivals before it in the same tick) counts, as latency from the
/// scheduled instant. Launched work is counted, not kept: <see cref="DriverResult.Drained"/>
/// completes when the last of it has finished.
/// </remarks>
public sealed class OpenModelDriver(RunClock clock, RecorderLaunch launch)
{
    public OpenModelDriver(RunClock clock, RunRecorder recorder, int maxInFlight)
        : this(clock, at => recorder.TryLaunch(at, maxInFlight))
    {
    }

    /// <summary>
    /// Walks the schedule. <paramref name="prepare"/> runs on the driver's own thread (so it may use
    /// non-thread-safe generators) and returns the work that then runs on the thread pool.
    /// </summary>
    public Task<DriverResult> RunAsync(IReadOnlyList<double> arrivals, Func<double, Func<Task>> prepare, CancellationToken ct) =>
        Task.Factory.StartNew(() => Walk(arrivals, prepare, ct), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private DriverResult Walk(IReadOnlyList<double> arrivals, Func<double, Func<Task>> prepare, CancellationToken ct)
    {
        var pending = new Pending();
        var launched = 0;
        var next = 0;
        while (next < arrivals.Count && !ct.IsCancellationRequested)
        {
            var now = clock.Now;
            while (next < arrivals.Count && arrivals[next] <= now)
            {
                var at = arrivals[next++];
                var work = prepare(at);
                if (launch(at))
                {
                    launched++;
                    pending.Start();
                    _ = RunOneAsync(work, pending);
                }
            }

            if (next < arrivals.Count)
            {
                Sleep(arrivals[next] - clock.Now, ct);
            }
        }

        pending.Finish();
        return new DriverResult(launched, pending.Drained);
    }

    private static async Task RunOneAsync(Func<Task> work, Pending pending)
    {
        try
        {
            // Runs synchronously until the work's first real wait (its first request in flight).
            await work().ConfigureAwait(false);
        }
        catch
        {
            // The work reports its own failures; the driver only counts it finished.
        }
        finally
        {
            pending.Finish();
        }
    }

    /// <summary>Blocks this thread for about <paramref name="seconds"/> (returning early on cancellation), a tick at least.</summary>
    private static void Sleep(double seconds, CancellationToken ct)
    {
        if (seconds > 0.002)
        {
            ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(seconds - 0.001));
        }
        else if (seconds > 0)
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>Work in flight, plus one for the walk itself until it ends.</summary>
    private sealed class Pending
    {
        private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _count = 1;

        public Task Drained => _drained.Task;

        public void Start() => Interlocked.Increment(ref _count);

        public void Finish()
        {
            if (Interlocked.Decrement(ref _count) == 0)
            {
                _drained.TrySetResult();
            }
        }
    }
}

/// <summary>Decides whether an arrival is launched (false: dropped, counted by the callee).</summary>
public delegate bool RecorderLaunch(double at);

/// <summary>How many arrivals were launched, and a task that completes when all of them have finished.</summary>
public sealed record DriverResult(int Launched, Task Drained);
