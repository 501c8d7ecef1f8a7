namespace Scheduler.LoadTests.Measurement;

/// <summary>Seconds since the run started, from a monotonic clock.</summary>
public sealed class RunClock(TimeProvider time)
{
    private long _start = time.GetTimestamp();
    private TickWheel? _wheel;

    public TimeProvider Time => time;

    /// <summary>Restarts the count at zero (when the first arrival is due).</summary>
    public void Restart() => _start = time.GetTimestamp();

    public double Now => time.GetElapsedTime(_start).TotalSeconds;

    /// <summary>Routes waits through a shared tick wheel (one timer thread for every applicant) from now on.</summary>
    public void UseWheel(TickWheel? wheel) => _wheel = wheel;

    /// <summary>
    /// Waits until <paramref name="at"/> seconds into the run (returns at once if that is past). Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public Task WaitUntil(double at, CancellationToken cancellationToken)
    {
        var wait = at - Now;
        if (wait <= 0)
        {
            return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;
        }

        return Task.Delay(TimeSpan.FromSeconds(wait), time, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="WaitUntil"/> but through the tick wheel when there is one, without watching a
    /// token (no allocation per wait): the caller checks its token afterwards. Cutting a run short
    /// releases the wheel, so no waiter sleeps through it.
    /// </summary>
    public Task SleepUntil(double at, CancellationToken cancellationToken) =>
        _wheel is { } wheel ? wheel.WaitUntil(at) : WaitUntil(at, cancellationToken);
}
