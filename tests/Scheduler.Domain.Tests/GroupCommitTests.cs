using Scheduler.Grains.Domain;
using Scheduler.Grains.Persistence;

namespace Scheduler.Domain.Tests;

public class GroupCommitTests
{
    [Fact]
    public async Task Decisions_arriving_during_a_write_share_the_next_single_write()
    {
        var writes = 0;
        var gate = new TaskCompletionSource();
        var commit = new GroupCommit(async () =>
        {
            writes++;
            if (writes == 1)
            {
                await gate.Task;
            }
        });
        var committed = 0;
        LedgerChange Change() => new(() => committed++, () => { });

        var first = commit.Enqueue(Change());
        var rest = Enumerable.Range(0, 99).Select(_ => commit.Enqueue(Change())).ToArray();
        Assert.False(first.IsCompleted);
        Assert.Equal(99, commit.Waiting);

        gate.SetResult();
        await Task.WhenAll(rest.Append(first));

        Assert.Equal(2, writes);
        Assert.Equal(100, committed);
    }

    [Fact]
    public async Task No_caller_is_answered_before_its_write_completes()
    {
        var gate = new TaskCompletionSource();
        var commit = new GroupCommit(() => gate.Task);

        var pending = commit.Enqueue(new LedgerChange(() => { }, () => { }));
        await Task.Delay(50);

        Assert.False(pending.IsCompleted);
        gate.SetResult();
        await pending;
    }

    [Fact]
    public async Task A_failed_write_fails_and_rolls_back_exactly_the_decisions_it_carried()
    {
        var writes = 0;
        var gate = new TaskCompletionSource();
        var commit = new GroupCommit(async () =>
        {
            writes++;
            await gate.Task;
            if (writes == 1)
            {
                throw new InvalidOperationException("database down");
            }
        });
        var rolledBack = new List<int>();
        var committed = new List<int>();
        LedgerChange Change(int id) => new(() => committed.Add(id), () => rolledBack.Add(id));

        var carried = commit.Enqueue(Change(1));
        var next = new[] { commit.Enqueue(Change(2)), commit.Enqueue(Change(3)) };
        gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => carried);
        await Task.WhenAll(next);
        Assert.Equal([1], rolledBack);
        Assert.Equal([2, 3], committed);
    }

    [Fact]
    public async Task With_batches_of_one_every_decision_gets_its_own_write()
    {
        var writes = 0;
        var gate = new TaskCompletionSource();
        var commit = new GroupCommit(async () =>
        {
            writes++;
            await gate.Task;
        }, maxBatch: 1);

        var all = Enumerable.Range(0, 10).Select(_ => commit.Enqueue(new LedgerChange(() => { }, () => { }))).ToArray();
        gate.SetResult();
        await Task.WhenAll(all);

        Assert.Equal(10, writes);
    }
}
