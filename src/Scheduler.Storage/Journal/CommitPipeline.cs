namespace Scheduler.Storage;

/// <summary>
/// A silo-wide group commit: rows that any grain hands in while a transaction is in flight go into the next
/// one (up to <c>maxBatch</c> rows), so many bookings on many days share one commit. Each caller's task
/// completes only when the transaction holding its row has committed; when a transaction fails, exactly its
/// callers see the failure; a row the database refused on its own (a fencing conflict) fails only its caller,
/// with <see cref="RowRejectedException"/>.
/// <para>
/// Up to <c>maxInFlight</c> transactions run at once, each on its own connection, but they commit in the order
/// their rows were handed in: every batch gets a <see cref="CommitTurn"/> that comes when the batch before it has
/// finished (committed or failed), and the writer waits for it just before committing. So the database sees the
/// same commits in the same order as with one transaction in flight; what overlaps is the sending and inserting,
/// and a later batch's sync with an earlier one's. A further transaction starts only when at least
/// <c>overlapAtRows</c> rows wait: fewer wait for the next turn of the one in flight, so batches do not shrink to
/// a row or two (each costs the database a statement and a commit).
/// </para>
/// <para>
/// A later transaction must never hold a lock an earlier one waits for: the earlier one would wait for the later one's
/// commit, which waits for the earlier one's end, a cycle the database cannot see. So rows name their
/// <c>conflictKeys</c> (the unique keys they insert or rows they update), and a batch that shares one with a batch still
/// in flight is written only once its turn has come, when every batch before it has finished.
/// </para>
/// </summary>
public sealed class CommitPipeline<TRow, TOutcome>
{
    private readonly Func<IReadOnlyList<TRow>, CommitTurn, Task<IReadOnlyList<TOutcome>>> write;
    private readonly int maxBatch;
    private readonly int maxInFlight;
    private readonly int overlapAtRows;
    private readonly Func<TRow, IEnumerable<string>>? conflictKeys;
    private readonly Dictionary<string, int> keysInFlight = new(StringComparer.Ordinal);
    private readonly Action<int>? committed;
    private readonly Lock gate = new();
    private readonly Queue<Pending> waiting = new();
    private int writers;
    private Task lastFinished = Task.CompletedTask;

    /// <param name="write">Writes one batch in one transaction; answers, per row, whether it was stored.</param>
    /// <param name="maxBatch">Rows per transaction at most; 1 gives one transaction per row (the baseline benchmarks compare against).</param>
    /// <param name="committed">Told the size of every committed batch (for metrics).</param>
    public CommitPipeline(Func<IReadOnlyList<TRow>, Task<IReadOnlyList<TOutcome>>> write, int maxBatch = 1000, Action<int>? committed = null)
        : this((rows, _) => write(rows), maxBatch, committed, maxInFlight: 1, overlapAtRows: 1)
    {
    }

    /// <param name="write">
    /// Writes one batch in one transaction and, before committing it, waits for the batch's <see cref="CommitTurn"/>;
    /// answers, per row, whether it was stored.
    /// </param>
    /// <param name="maxBatch">Rows per transaction at most.</param>
    /// <param name="committed">Told the size of every committed batch (for metrics).</param>
    /// <param name="maxInFlight">Transactions in flight at most (1: each batch starts once the one before it finished).</param>
    /// <param name="overlapAtRows">Rows that must wait before a transaction starts beside one in flight.</param>
    /// <param name="conflictKeys">What a row locks in the database; a batch sharing a key with one in flight waits for its turn before writing.</param>
    public CommitPipeline(
        Func<IReadOnlyList<TRow>, CommitTurn, Task<IReadOnlyList<TOutcome>>> write, int maxBatch, Action<int>? committed, int maxInFlight, int overlapAtRows = 1,
        Func<TRow, IEnumerable<string>>? conflictKeys = null)
    {
        this.conflictKeys = conflictKeys;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(overlapAtRows, 1);
        this.overlapAtRows = overlapAtRows;
        this.write = write;
        this.maxBatch = maxBatch;
        this.committed = committed;
        this.maxInFlight = maxInFlight;
    }

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
            if (writers >= maxInFlight || (writers > 0 && waiting.Count < overlapAtRows))
            {
                return pending.Done.Task;
            }

            writers++;
        }

        _ = Task.Run(WriteBatchesAsync);
        return pending.Done.Task;
    }

    /// <summary>One writer: takes the waiting rows as a batch, writes it, and goes on while rows wait.</summary>
    private async Task WriteBatchesAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            CommitTurn turn;
            string[] keys;
            bool mustWaitForTurn;
            lock (gate)
            {
                // Too few rows to start beside another writer in flight: that one takes them when it is done.
                if (waiting.Count == 0 || (writers > 1 && waiting.Count < overlapAtRows))
                {
                    writers--;
                    return;
                }

                while (batch.Count < maxBatch && waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                // Taken in the order batches are formed, under the same lock: batch n's turn is batch n-1's end.
                turn = new CommitTurn(lastFinished);
                lastFinished = finished.Task;
                keys = Register(batch, out mustWaitForTurn);
            }

            IReadOnlyList<TOutcome> outcomes;
            try
            {
                if (mustWaitForTurn)
                {
                    // Every batch before this one finishes first (each finishes only after its own turn).
                    await turn.WaitAsync();
                }

                outcomes = await write(batch.Select(p => p.Row).ToArray(), turn);
                if (outcomes.Count != batch.Count)
                {
                    throw new InvalidOperationException($"The writer answered {outcomes.Count} outcomes for {batch.Count} rows.");
                }
            }
            catch (Exception failure)
            {
                // A writer that failed before its turn still lets the next batch commit only after this one's predecessor.
                await FinishAsync();
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(failure);
                }

                continue;
            }

            await FinishAsync();
            committed?.Invoke(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(outcomes[i]);
            }

            // Committed or failed, a batch is finished in its turn: its keys are free and the next batch may commit.
            async Task FinishAsync()
            {
                await turn.WaitAsync();
                Release(keys);
                finished.SetResult();
            }
        }
    }

    /// <summary>Called under the gate: records <paramref name="batch"/>'s keys as in flight and tells whether one already was.</summary>
    private string[] Register(List<Pending> batch, out bool shared)
    {
        shared = false;
        if (conflictKeys is null)
        {
            return [];
        }

        var keys = batch.SelectMany(p => conflictKeys(p.Row)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var key in keys)
        {
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(keysInFlight, key, out var known);
            shared |= known;
            count++;
        }

        return keys;
    }

    private void Release(string[] keys)
    {
        if (keys.Length == 0)
        {
            return;
        }

        lock (gate)
        {
            foreach (var key in keys)
            {
                if (--keysInFlight[key] == 0)
                {
                    keysInFlight.Remove(key);
                }
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

/// <summary>
/// A batch's turn to commit: it comes when the batch handed to the pipeline before it has finished, committed or
/// failed. A writer waits for it just before its commit; while it has not come, the writer must not commit (an
/// autocommitted statement included).
/// </summary>
public readonly struct CommitTurn(Task predecessor)
{
    /// <summary>True when nothing before this batch is still in flight: the writer may commit at once, autocommit included.</summary>
    public bool HasCome => predecessor is null || predecessor.IsCompleted;

    /// <summary>Completes when this batch may commit.</summary>
    public Task WaitAsync() => predecessor ?? Task.CompletedTask;
}

/// <summary>The database refused this row (another writer holds its place): the writer's memory is stale.</summary>
public sealed class RowRejectedException() : Exception("The journal already holds a row at this place: another activation wrote it.");
