using Scheduler.Storage;

namespace Scheduler.Domain.Tests;

/// <summary>The silo-wide group commit: shared transactions, answers only after commit, failures confined to their own rows.</summary>
public sealed class CommitPipelineTests
{
    [Fact]
    public async Task Rows_handed_in_while_a_transaction_is_in_flight_share_the_next_one()
    {
        var release = new TaskCompletionSource();
        var batches = new List<int[]>();
        var pipeline = new CommitPipeline<int, bool>(async rows =>
        {
            lock (batches)
            {
                batches.Add([.. rows]);
            }

            if (rows[0] == 0)
            {
                await release.Task;
            }

            return rows.Select(_ => true).ToArray();
        });

        var first = pipeline.AppendAsync(0);
        await Until(() => batches.Count == 1);
        var rest = Enumerable.Range(1, 50).Select(pipeline.AppendAsync).ToArray();
        Assert.Equal(50, pipeline.Waiting);
        Assert.All(rest, t => Assert.False(t.IsCompleted));
        release.SetResult();
        await Task.WhenAll(rest.Append(first));

        Assert.Equal([[0], Enumerable.Range(1, 50).ToArray()], batches);
    }

    [Fact]
    public async Task A_failed_transaction_fails_exactly_its_own_callers()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var pipeline = new CommitPipeline<int, bool>(async rows =>
        {
            if (rows[0] == 0)
            {
                started.SetResult();
                await release.Task;
                return new[] { true };
            }

            if (rows.Contains(13))
            {
                throw new InvalidOperationException("database down");
            }

            return rows.Select(_ => true).ToArray();
        });

        var first = pipeline.AppendAsync(0);
        await started.Task;
        var doomed = new[] { 11, 12, 13 }.Select(pipeline.AppendAsync).ToArray();
        release.SetResult();
        await first;
        await Assert.ThrowsAsync<InvalidOperationException>(() => doomed[0]);
        var later = await Task.WhenAll(pipeline.AppendAsync(20), pipeline.AppendAsync(21)).ContinueWith(t => t.IsCompletedSuccessfully);

        Assert.All(doomed, t => Assert.True(t.IsFaulted));
        Assert.True(later);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_rows_outcome()
    {
        var pipeline = new CommitPipeline<int, bool>(rows => Task.FromResult<IReadOnlyList<bool>>(rows.Select(r => r != 7).ToArray()));

        var results = await Task.WhenAll(Enumerable.Range(5, 4).Select(pipeline.AppendAsync));

        Assert.Equal([true, true, false, true], results);
    }

    [Fact]
    public async Task A_writer_that_answers_the_wrong_number_of_outcomes_fails_its_batch_instead_of_guessing()
    {
        var pipeline = new CommitPipeline<int, bool>(rows => Task.FromResult<IReadOnlyList<bool>>(rows.Skip(1).Select(_ => true).ToArray()));

        var results = new[] { 1, 2, 3 }.Select(pipeline.AppendAsync).ToArray();

        foreach (var result in results)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => result);
        }
    }

    [Fact]
    public async Task Thousands_of_concurrent_callers_are_all_answered_in_few_transactions_within_the_batch_limit()
    {
        var sizes = new List<int>();
        var stored = 0;
        var pipeline = new CommitPipeline<int, bool>(
            async rows =>
            {
                await Task.Delay(2);
                Interlocked.Add(ref stored, rows.Count);
                return rows.Select(_ => true).ToArray();
            },
            maxBatch: 100,
            committed: n =>
            {
                lock (sizes)
                {
                    sizes.Add(n);
                }
            });

        await Task.WhenAll(Enumerable.Range(0, 5000).Select(i => Task.Run(() => pipeline.AppendAsync(i))));

        Assert.Equal(5000, stored);
        Assert.Equal(5000, sizes.Sum());
        Assert.All(sizes, n => Assert.InRange(n, 1, 100));
        Assert.True(sizes.Count < 1000, $"{sizes.Count} transactions for 5000 rows");
    }

    [Fact]
    public async Task With_two_transactions_in_flight_a_later_batch_is_written_meanwhile_but_commits_after_the_earlier_one()
    {
        var release = new TaskCompletionSource();
        var events = new List<string>();
        var pipeline = new CommitPipeline<int, bool>(
            HeldAtRowZero(events, release.Task, showTurn: true), maxBatch: 100, committed: null, maxInFlight: 2);

        var first = pipeline.AppendAsync(0);
        await Until(() => Count(events) == 1);
        var second = pipeline.AppendAsync(1);
        await Until(() => Count(events) == 2);
        await Task.Delay(50);

        Assert.False(second.IsCompleted);
        Assert.Equal(["write 0 turn come", "write 1 turn waiting"], Snapshot(events));
        release.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(["write 0 turn come", "write 1 turn waiting", "commit 0", "commit 1"], Snapshot(events));
    }

    [Fact]
    public async Task A_second_transaction_starts_beside_the_one_in_flight_only_once_enough_rows_wait()
    {
        var release = new TaskCompletionSource();
        var batches = new List<int[]>();
        var pipeline = new CommitPipeline<int, bool>(
            async (rows, turn) =>
            {
                lock (batches)
                {
                    batches.Add([.. rows]);
                }

                if (rows[0] == 0)
                {
                    await release.Task;
                }

                await turn.WaitAsync();
                return rows.Select(_ => true).ToArray();
            },
            maxBatch: 100,
            committed: null,
            maxInFlight: 2,
            overlapAtRows: 10);

        var first = pipeline.AppendAsync(0);
        await Until(() => BatchCount(batches) == 1);
        var few = Enumerable.Range(1, 9).Select(pipeline.AppendAsync).ToArray();
        await Task.Delay(50);
        Assert.Equal(1, BatchCount(batches));
        Assert.Equal(9, pipeline.Waiting);

        var tenth = pipeline.AppendAsync(10);
        await Until(() => BatchCount(batches) == 2);
        Assert.False(tenth.IsCompleted);
        release.SetResult();
        await Task.WhenAll(few.Append(first).Append(tenth));

        Assert.Equal([[0], Enumerable.Range(1, 10).ToArray()], batches);
    }

    [Fact]
    public async Task A_batch_sharing_a_locked_key_with_one_in_flight_is_written_only_after_it_while_others_overlap()
    {
        // Rows 0-9 lock key "a"; from 100 on, rows lock a key of their own.
        var release = new TaskCompletionSource();
        var events = new List<string>();
        var pipeline = new CommitPipeline<int, bool>(
            HeldAtRowZero(events, release.Task, showTurn: false),
            maxBatch: 1,
            committed: null,
            maxInFlight: 3,
            overlapAtRows: 1,
            conflictKeys: row => [row < 10 ? "a" : $"own-{row}"]);

        var first = pipeline.AppendAsync(0);
        await Until(() => Count(events) == 1);
        var independent = pipeline.AppendAsync(100);
        await Until(() => Count(events) == 2);
        var sharing = pipeline.AppendAsync(1);
        // Its batch is formed (taken from the waiting rows) while row 0's still holds "a"; on a busy machine the writer
        // that forms it may start late, and a batch formed after row 0's has finished rightly shares nothing.
        await Until(() => pipeline.Waiting == 0);
        await Task.Delay(100);

        Assert.Equal(["write 0", "write 100"], Snapshot(events));
        release.SetResult();
        await Task.WhenAll(first, independent, sharing);
        Assert.Equal(["write 0", "write 100", "commit 0", "commit 100", "write 1", "commit 1"], Snapshot(events));
    }

    private static int BatchCount(List<int[]> batches)
    {
        lock (batches)
        {
            return batches.Count;
        }
    }

    [Fact]
    public async Task With_two_transactions_in_flight_an_earlier_batch_that_fails_fails_only_its_callers_and_the_later_one_commits_after_it()
    {
        var release = new TaskCompletionSource();
        var events = new List<string>();
        var pipeline = new CommitPipeline<int, bool>(
            async (rows, turn) =>
            {
                if (rows[0] == 0)
                {
                    await release.Task;
                    Record(events, "fail 0");
                    throw new InvalidOperationException("database down");
                }

                await turn.WaitAsync();
                Record(events, $"commit {rows[0]}");
                return rows.Select(_ => true).ToArray();
            },
            maxBatch: 100,
            committed: null,
            maxInFlight: 2);

        var first = pipeline.AppendAsync(0);
        await Task.Delay(20);
        var second = pipeline.AppendAsync(1);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        release.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.True(await second);
        Assert.Equal(["fail 0", "commit 1"], Snapshot(events));
    }

    [Fact]
    public async Task Thousands_of_rows_over_three_transactions_in_flight_commit_in_the_order_they_were_handed_in()
    {
        var committedOrder = new List<int>();
        var formedOrder = new List<int>();
        var inFlight = 0;
        var mostInFlight = 0;
        var pipeline = new CommitPipeline<int, bool>(
            async (rows, turn) =>
            {
                lock (formedOrder)
                {
                    formedOrder.Add(rows[0]);
                    mostInFlight = Math.Max(mostInFlight, ++inFlight);
                }

                await Task.Delay(Random.Shared.Next(0, 4));
                await turn.WaitAsync();
                lock (formedOrder)
                {
                    committedOrder.Add(rows[0]);
                    inFlight--;
                }

                return rows.Select(_ => true).ToArray();
            },
            maxBatch: 20,
            committed: null,
            maxInFlight: 3);

        // Handed in in order, so batches are formed of rising rows: they must commit in that order.
        await Task.WhenAll(Enumerable.Range(0, 5000).Select(pipeline.AppendAsync).ToArray());

        Assert.InRange(mostInFlight, 2, 3);
        Assert.Equal(committedOrder.Order(), committedOrder);
        Assert.Equal(formedOrder.Count, committedOrder.Count);
    }

    /// <summary>A writer that records each batch's write and commit (by its first row), holds row 0's batch until <paramref name="release"/>, and commits in turn.</summary>
    private static Func<IReadOnlyList<int>, CommitTurn, Task<IReadOnlyList<bool>>> HeldAtRowZero(List<string> events, Task release, bool showTurn) =>
        async (rows, turn) =>
        {
            Record(events, showTurn ? $"write {rows[0]} turn {(turn.HasCome ? "come" : "waiting")}" : $"write {rows[0]}");
            if (rows[0] == 0)
            {
                await release;
            }

            await turn.WaitAsync();
            Record(events, $"commit {rows[0]}");
            return rows.Select(_ => true).ToArray();
        };

    private static void Record(List<string> events, string text)
    {
        lock (events)
        {
            events.Add(text);
        }
    }

    private static int Count(List<string> events)
    {
        lock (events)
        {
            return events.Count;
        }
    }

    private static string[] Snapshot(List<string> events)
    {
        lock (events)
        {
            return [.. events];
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
