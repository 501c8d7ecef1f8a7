using Scheduler.Domain.Admission;

namespace Scheduler.Domain.Tests;

/// <summary>The front door's short-lived copies of poll answers: good until their instant, bounded, swept.</summary>
public class PollCacheTests
{
    [Fact]
    public void A_copy_answers_until_its_instant_and_not_at_it()
    {
        var cache = new PollCache<string>(10);
        cache.Set("t", "place 7", until: 100);

        Assert.True(cache.TryGet("t", 99, out var copy));
        Assert.Equal("place 7", copy);
        Assert.False(cache.TryGet("t", 100, out _));
        Assert.False(cache.TryGet("other", 0, out _));
    }

    [Fact]
    public void An_expired_copy_is_replaced_by_the_fresh_answer_without_counting_twice()
    {
        var cache = new PollCache<string>(10);
        cache.Set("t", "place 7", until: 100);
        cache.Set("t", "place 3", until: 200);

        Assert.True(cache.TryGet("t", 150, out var copy));
        Assert.Equal("place 3", copy);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_full_cache_keeps_no_new_copies_until_a_sweep_drops_the_expired_ones()
    {
        var cache = new PollCache<int>(3);
        cache.Set("a", 1, until: 10);
        cache.Set("b", 2, until: 10);
        cache.Set("c", 3, until: 50);
        cache.Set("d", 4, until: 50);

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("d", 0, out _));

        cache.Sweep(now: 10);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("c", 10, out _));

        cache.Set("d", 4, until: 50);
        Assert.True(cache.TryGet("d", 10, out var d));
        Assert.Equal(4, d);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task Threads_setting_and_sweeping_at_once_leave_the_count_equal_to_the_copies_held()
    {
        var cache = new PollCache<int>(1_000_000);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                // Keys shared between threads; half expire at once, and sweeps run alongside.
                cache.Set($"k{i % 5_000}", i, until: i % 2 == 0 ? 1 : long.MaxValue);
                if (i % 1_000 == t)
                {
                    cache.Sweep(now: 1);
                }
            }
        })));

        cache.Sweep(now: 1);
        var held = Enumerable.Range(0, 5_000).Count(i => cache.TryGet($"k{i}", 1, out _));
        Assert.Equal(held, cache.Count);
    }
}
