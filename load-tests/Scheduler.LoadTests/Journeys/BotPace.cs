using Scheduler.LoadTests.Measurement;

namespace Scheduler.LoadTests.Journeys;

/// <summary>
/// One bot operator's pace: its identities send from one address, so when the scheduler answers any of them
/// 429 (or 503) with <c>Retry-After</c>, all of them hold back until then; otherwise they send as fast as they
/// can. Thread-safe (the pool's identities run concurrently).
/// </summary>
public sealed class BotPace
{
    private long _pausedUntilTicks;

    /// <summary>Run seconds until which the operator sends nothing.</summary>
    public double PausedUntil => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _pausedUntilTicks));

    /// <summary>Holds the whole pool back until <paramref name="until"/> (run seconds), unless it is already held longer.</summary>
    public void PauseUntil(double until)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _pausedUntilTicks);
            if (BitConverter.Int64BitsToDouble(current) >= until)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _pausedUntilTicks, BitConverter.DoubleToInt64Bits(until), current) == current)
            {
                return;
            }
        }
    }

    /// <summary>Waits out the pool's pause, if any (at once when there is none).</summary>
    public async Task WaitAsync(RunClock clock, CancellationToken ct)
    {
        // A pause can be extended while waiting (another identity met a 429): wait again until none is left.
        for (var until = PausedUntil; until > clock.Now; until = PausedUntil)
        {
            await clock.SleepUntil(until, ct);
            ct.ThrowIfCancellationRequested();
        }
    }
}
