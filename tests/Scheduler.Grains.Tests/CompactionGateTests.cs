using Scheduler.Grains.Hosting;

namespace Scheduler.Grains.Tests;

/// <summary>One day snapshot at a time per silo: a second waits for the first, and a turn handed back twice frees one place.</summary>
public sealed class CompactionGateTests
{
    [Fact]
    public async Task A_second_snapshot_waits_until_the_first_hands_its_turn_on()
    {
        using var gate = new CompactionGate();
        var first = await gate.EnterAsync();

        var second = gate.EnterAsync();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_turn_handed_back_twice_lets_in_only_one_more()
    {
        using var gate = new CompactionGate();
        var first = await gate.EnterAsync();
        first.Dispose();
        first.Dispose();

        using var second = await gate.EnterAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var third = gate.EnterAsync();
        await Task.Delay(50);

        Assert.False(third.IsCompleted);
    }

    [Fact]
    public async Task Fifty_days_queuing_at_once_write_one_at_a_time()
    {
        using var gate = new CompactionGate();
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var turn = await gate.EnterAsync();
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Delay(2);
            Interlocked.Decrement(ref inside);
        }));

        Assert.Equal(1, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
