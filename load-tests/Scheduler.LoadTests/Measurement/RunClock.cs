namespace Scheduler.LoadTests.Measurement;

/// <summary>Seconds since the run started, from a monotonic clock.</summary>
public sealed class RunClock(TimeProvider time)
{
    private long _start = time.GetTimestamp();

    public TimeProvider Time => time;

    /// <summary>Restarts the count at zero (when the first arrival is due).</summary>
    public void Restart() => _start = time.GetTimestamp();

    public double Now => time.GetElapsedTime(_start).TotalSeconds;

    /// <summary>Waits until <paramref name="at"/> seconds into the run (returns at once if that is past).</summary>
    public Task WaitUntil(double at, CancellationToken cancellationToken)
    {
        var wait = at - Now;
        return wait <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(wait), time, cancellationToken);
    }
}
