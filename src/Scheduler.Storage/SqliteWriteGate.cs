namespace Scheduler.Storage;

/// <summary>
/// One write at a time to the SQLite file, in arrival order, for every writer in this process (grain state
/// and the scheduler's own tables). SQLite has one write lock per file, and when two writers meet on it
/// Microsoft.Data.Sqlite sleeps a fixed 150 ms before trying again; queued here, a write waits only for the
/// writes ahead of it.
/// </summary>
public sealed class SqliteWriteGate
{
    internal static readonly IDisposable NoTurn = new Turn(null);

    private readonly SemaphoreSlim gate = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        // No ConfigureAwait(false): callers inside grains continue on their own scheduler.
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim? gate) : IDisposable
    {
        private SemaphoreSlim? held = gate;

        public void Dispose() => Interlocked.Exchange(ref held, null)?.Release();
    }
}
