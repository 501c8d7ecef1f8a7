using System.Collections.Concurrent;

namespace Scheduler.LoadTests.Measurement;

/// <summary>
/// Cheap waits for thousands of applicants: instead of a timer per pause (<c>Task.Delay</c>), every
/// waiter due in the same tick (1 ms by default) shares one task, and a single thread of its own
/// notices the ticks as they pass and completes the due ones itself: their waiters resume there, one
/// after another, each until its next wait (a request on the wire), instead of a pool thread being
/// woken for each. A waiter resumes about a tick (plus scheduling) late; the journeys count that
/// lateness as latency (they measure from the instant they meant to act).
/// </summary>
public sealed class TickWheel : IDisposable
{
    private readonly RunClock _clock;
    private readonly double _tickSeconds;
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _due = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _processed;
    private volatile bool _released;

    public TickWheel(RunClock clock, TimeSpan tick)
    {
        _clock = clock;
        _tickSeconds = tick.TotalSeconds > 0 ? tick.TotalSeconds : throw new ArgumentOutOfRangeException(nameof(tick));
        _processed = long.MinValue;
        _thread = new Thread(Run) { IsBackground = true, Name = "tick-wheel", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Waiters currently parked (for tests and diagnostics).</summary>
    public int PendingTicks => _due.Count;

    /// <summary>
    /// A task that completes once the run clock has reached <paramref name="at"/> (seconds), rounded up
    /// to the next tick. Already past: completed at once. Cancellation of the run wakes every waiter
    /// (the caller checks its token after the wait).
    /// </summary>
    public Task WaitUntil(double at)
    {
        var tick = (long)Math.Ceiling(at / _tickSeconds);
        if (tick <= Volatile.Read(ref _processed) || at <= _clock.Now)
        {
            return Task.CompletedTask;
        }

        if (_released || _stop.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        var source = _due.GetOrAdd(tick, static _ => new TaskCompletionSource());

        // The wheel may have passed this tick between the check above and the add: complete it (soon).
        if (tick <= Volatile.Read(ref _processed) && _due.TryRemove(tick, out var late))
        {
            Complete(late);
        }

        return source.Task;
    }

    /// <summary>Wakes every waiter now, and every later one at once (the run is being cut short).</summary>
    public void ReleaseAll()
    {
        _released = true;
        foreach (var tick in _due.Keys)
        {
            if (_due.TryRemove(tick, out var source))
            {
                Complete(source);
            }
        }
    }

    /// <summary>Completes a tick on the thread pool: its waiters' continuations run there, inline, one after another.</summary>
    private static void Complete(TaskCompletionSource source) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.TrySetResult(), source, preferLocal: false);

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(2));
        Volatile.Write(ref _processed, long.MaxValue);
        ReleaseAll();
        _stop.Dispose();
    }

    private void Run()
    {
        Volatile.Write(ref _processed, (long)Math.Floor(_clock.Now / _tickSeconds));
        while (!_stop.IsCancellationRequested)
        {
            var now = (long)Math.Floor(_clock.Now / _tickSeconds);
            var from = Volatile.Read(ref _processed);
            if (now < from)
            {
                // The run clock was restarted: follow it (create the wheel after the restart to avoid this).
                Volatile.Write(ref _processed, now);
            }
            else if (now > from)
            {
                Volatile.Write(ref _processed, now);
                if (!_due.IsEmpty)
                {
                    // Few ticks pass per wake-up; when the clock jumped (a restart of the run clock, a
                    // stalled thread) complete everything due instead of walking every missed tick.
                    if (now - from <= 64)
                    {
                        for (var t = from + 1; t <= now; t++)
                        {
                            if (_due.TryRemove(t, out var source))
                            {
                                source.TrySetResult();
                            }
                        }
                    }
                    else
                    {
                        foreach (var t in _due.Keys)
                        {
                            if (t <= now && _due.TryRemove(t, out var source))
                            {
                                source.TrySetResult();
                            }
                        }
                    }
                }
            }

            Thread.Sleep(1);
        }
    }
}
