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

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
