namespace Scheduler.Grains.Persistence;

/// <summary>
/// Carries many in-memory decisions in one storage write. Decisions that arrive while a write is in
/// flight join the next write; each caller's task completes only when the write holding its decision
/// has committed. When a write fails, exactly the decisions it carried are rolled back (newest first)
/// and their callers see the failure. Runs on the owning grain's single-threaded scheduler: no locks.
/// <paramref name="maxBatch"/> 1 gives one write per decision (the baseline the benchmark compares against).
/// </summary>
public sealed class GroupCommit(Func<Task> write, Action<int>? committed = null, int maxBatch = int.MaxValue)
{
    private readonly Queue<Batch> waiting = new();
    private bool writing;

    /// <summary>Decisions waiting for a write (not counting the one in flight).</summary>
    public int Waiting => waiting.Sum(b => b.Changes.Count);

    public Task Enqueue(Domain.LedgerChange change)
    {
        if (!waiting.TryPeek(out _) || waiting.Last().Changes.Count >= maxBatch)
        {
            waiting.Enqueue(new Batch());
        }

        var next = waiting.Last();
        next.Changes.Add(change);
        var done = next.Done.Task;
        if (!writing)
        {
            writing = true;
            _ = DrainAsync();
        }

        return done;
    }

    private async Task DrainAsync()
    {
        try
        {
            while (waiting.TryDequeue(out var batch))
            {
                try
                {
                    await write();
                }
                catch (Exception failure)
                {
                    for (var i = batch.Changes.Count - 1; i >= 0; i--)
                    {
                        batch.Changes[i].Rollback();
                    }

                    batch.Done.SetException(failure);
                    continue;
                }

                foreach (var change in batch.Changes)
                {
                    change.Commit();
                }

                committed?.Invoke(batch.Changes.Count);
                batch.Done.SetResult();
            }
        }
        finally
        {
            writing = false;
        }
    }

    private sealed class Batch
    {
        public List<Domain.LedgerChange> Changes { get; } = [];

        public TaskCompletionSource Done { get; } = new();
    }
}
