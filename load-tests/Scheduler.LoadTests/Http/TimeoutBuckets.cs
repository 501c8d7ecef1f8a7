using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Http;

/// <summary>
/// Request time-outs without a timer per request: requests that start within the same 100 ms share
/// one cancellation source that fires <c>timeout</c> + 100 ms after the first of them started (so a
/// request gets between its time-out and 100 ms more). The sources are linked to the run's token, so
/// cutting the run short cancels every request in flight.
/// </summary>
public sealed class TimeoutBuckets(RunClock clock, TimeSpan timeout, CancellationToken run)
{
    private const double WidthSeconds = 0.1;
    private readonly Lock _gate = new();
    private Bucket? _current;

    /// <summary>The token the requests that share this bucket are cancelled with.</summary>
    public CancellationToken Token()
    {
        var index = (long)(clock.Now / WidthSeconds);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Index == index)
        {
            return current.Token;
        }

        lock (_gate)
        {
            current = _current;
            if (current is null || current.Index != index)
            {
                var source = CancellationTokenSource.CreateLinkedTokenSource(run);
                source.CancelAfter(timeout + TimeSpan.FromSeconds(WidthSeconds));
                current = new Bucket(index, source.Token);
                Volatile.Write(ref _current, current);
            }

            return current.Token;
        }
    }

    /// <summary>The run token this instance serves (requests with another token get a source of their own).</summary>
    public CancellationToken Run => run;

    private sealed record Bucket(long Index, CancellationToken Token);
}
