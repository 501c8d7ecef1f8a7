using System.Diagnostics;
using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

/// <summary>
/// A batch's cost does not grow with what the procedure has already decided: the same batch (40 open requests, 9 seats)
/// is timed on a fresh procedure and after 4,000 finished requests and 200 earlier batches. The batch's inputs hold only
/// the open requests, and its time stays within a small factor (figures in docs/benchmarks.md). A cluster of its own.
/// </summary>
public sealed class AllocationScaleTests(SchedulerCluster fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SchedulerCluster>
{
    private const int Finished = 4_000;
    private const int EarlierBatches = 200;
    private static int nextPerson = 1_000_000;

    [Fact]
    public async Task A_batch_after_thousands_of_finished_requests_and_hundreds_of_batches_costs_what_one_without_them_does()
    {
        await fixture.BatchModeAsync();
        await TimedBatchAsync(SchedulerCluster.Today.AddDays(40)); // warm: activations, connections, JIT
        var empty = await TimedBatchAsync(SchedulerCluster.Today.AddDays(41));

        // History: requests filed and withdrawn (finished rows), and batches decided.
        var old = SchedulerCluster.Today.AddDays(42);
        foreach (var chunk in Enumerable.Range(0, Finished).Chunk(200))
        {
            await Task.WhenAll(chunk.Select(async _ =>
            {
                var person = Next();
                var filed = (await fixture.FileAsync(person, old)).Request!;
                Assert.True(await fixture.Applicant(person).WithdrawRequest(filed.Entry.Id));
            }));
        }

        for (var i = 0; i < EarlierBatches; i++)
        {
            await fixture.Allocation().RunBatch("operator:test");
        }

        var full = await TimedBatchAsync(SchedulerCluster.Today.AddDays(43));

        output.WriteLine($"empty: {empty.Elapsed.TotalMilliseconds:0} ms; after {Finished} finished requests and {EarlierBatches} batches: {full.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal((40, 9), (empty.Batch.Requests, empty.Batch.Assigned));
        Assert.Equal((40, 9), (full.Batch.Requests, full.Batch.Assigned));
        Assert.True(full.Elapsed < empty.Elapsed * 3 + TimeSpan.FromMilliseconds(500), $"the batch took {full.Elapsed} after the history, {empty.Elapsed} without");
    }

    /// <summary>40 requests for 9 seats on <paramref name="date"/>, then one timed batch (any request left open before is withdrawn first).</summary>
    private async Task<(BatchSummary Batch, TimeSpan Elapsed)> TimedBatchAsync(DateOnly date)
    {
        var people = Enumerable.Range(0, 40).Select(_ => Next()).ToArray();
        var filed = await Task.WhenAll(people.Select(p => fixture.FileAsync(p, date)));
        var started = Stopwatch.GetTimestamp();
        var batch = await fixture.Allocation().RunBatch("operator:test");
        var elapsed = Stopwatch.GetElapsedTime(started);

        // The 31 left open are withdrawn, so that the next timed batch has exactly its own 40.
        await Task.WhenAll(people.Zip(filed).Select(p => fixture.Applicant(p.First).WithdrawRequest(p.Second.Request!.Entry.Id)));
        return (batch, elapsed);
    }

    private static ApplicantDetails Next() => SchedulerCluster.Person(Interlocked.Increment(ref nextPerson));
}
