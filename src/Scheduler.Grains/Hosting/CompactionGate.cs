namespace Scheduler.Grains.Hosting;

/// <summary>
/// Day snapshots of this silo are written one at a time. Bookings spread over many days fill them at the same pace, so
/// the days cross their snapshot cadence together: in a PostgreSQL benchmark dozens of days wrote a snapshot and
/// trimmed their journal rows in the same moment, each write taking 34 ms (median) to 335 ms, and every booking of the
/// silo waited behind the burst (p99 120-330 ms against 46 ms with snapshots packed but not written). Queued here, a
/// burst becomes a steady trickle. A day takes its copy of the records before it queues (at a moment with no row in
/// flight, so the snapshot holds exactly the committed decisions) and goes on booking while it waits.
/// </summary>
public sealed class CompactionGate : IDisposable
{
    private readonly SemaphoreSlim turns = new(1, 1);

    /// <summary>Waits for this silo's snapshot turn; dispose the answer to hand it on.</summary>
    public async Task<IDisposable> EnterAsync()
    {
        await turns.WaitAsync();
        return new Turn(turns);
    }

    public void Dispose() => turns.Dispose();

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
