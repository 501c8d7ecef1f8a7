namespace Scheduler.Storage;

/// <summary>
/// A silo-wide group commit: rows that any grain hands in while a transaction is in flight go into the next
/// one (up to <c>maxBatch</c> rows), so many bookings on many days share one commit. Each caller's task
/// completes only when the transaction holding its row has committed; when a transaction fails, exactly its
/// callers see the failure; a row the database refused on its own (a fencing conflict) fails only its caller,
/// with <see cref="RowRejectedException"/>. One transaction is in flight at a time, so rows commit in the
/// order they were handed in.
/// </summary>
/// <param name="write">Writes one batch in one transaction; answers, per row, whether it was stored.</param>
/// <param name="maxBatch">Rows per transaction at most; 1 gives one transaction per row (the baseline benchmarks compare against).</param>
/// <param name="committed">Told the size of every committed batch (for metrics).</param>
public sealed class CommitPipeline<TRow, TOutcome>(
    Func<IReadOnlyList<TRow>, Task<IReadOnlyList<TOutcome>>> write,
    int maxBatch = 1000,
    Action<int>? committed = null)
{
    private readonly Lock gate = new();
    private readonly Queue<Pending> waiting = new();
    private bool draining;

    /// <summary>Rows waiting for a transaction (not counting those in flight).</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    /// <summary>Hands in <paramref name="row"/>; completes when the transaction holding it has committed.</summary>
    public Task<TOutcome> AppendAsync(TRow row)
    {
        var pending = new Pending(row);
        lock (gate)
        {
            waiting.Enqueue(pending);
            if (draining)
            {
                return pending.Done.Task;
            }

            draining = true;
        }

        _ = Task.Run(DrainAsync);
        return pending.Done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (gate)
            {
                while (batch.Count < maxBatch && waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    draining = false;
                    return;
                }
            }

            IReadOnlyList<TOutcome> outcomes;
            try
            {
                outcomes = await write(batch.Select(p => p.Row).ToArray());
                if (outcomes.Count != batch.Count)
                {
                    throw new InvalidOperationException($"The writer answered {outcomes.Count} outcomes for {batch.Count} rows.");
                }
            }
            catch (Exception failure)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(failure);
                }

                continue;
            }

            committed?.Invoke(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(outcomes[i]);
            }
        }
    }

    private sealed class Pending(TRow row)
    {
        public TRow Row { get; } = row;

        // Callers continue on their own schedulers, never inline on the writer's loop.
        public TaskCompletionSource<TOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The database refused this row (another writer holds its place): the writer's memory is stale.</summary>
public sealed class RowRejectedException() : Exception("The journal already holds a row at this place: another activation wrote it.");
