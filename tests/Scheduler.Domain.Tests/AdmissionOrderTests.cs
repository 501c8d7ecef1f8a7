using Scheduler.Domain.Admission;

namespace Scheduler.Domain.Tests;

/// <summary>The arithmetic of the waiting room's order: early draws before arrival numbers, ladders, the frontier.</summary>
public class AdmissionOrderTests
{
    [Fact]
    public void Every_early_draw_goes_before_every_arrival_number()
    {
        var draws = Enumerable.Range(0, 10_000).Select(_ => AdmissionOrder.Early()).ToArray();

        Assert.All(draws, d => Assert.InRange(d, 0, AdmissionOrder.LateBase - 1));
        Assert.True(draws.Distinct().Count() > 9_990);
        Assert.True(AdmissionOrder.Late(1) > draws.Max());
    }

    [Fact]
    public void A_ladder_counts_exactly_near_its_head_and_within_three_percent_further_back()
    {
        var keys = Enumerable.Range(0, 20_000).Select(i => AdmissionOrder.Late(i * 16L)).ToArray();
        var ladder = AdmissionOrder.Ladder(keys);

        Assert.True(ladder.Keys.Length < 400, $"{ladder.Keys.Length} rungs");
        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(i, AdmissionOrder.Ahead(ladder, keys[i]));
        }

        foreach (var i in new[] { 100, 1_000, 5_000, 12_345, 19_999 })
        {
            // A key between two tickets, as another partition's ticket would be.
            Assert.InRange(AdmissionOrder.Ahead(ladder, keys[i] - 5), i * 0.97, i * 1.03);
        }

        Assert.Equal(0, AdmissionOrder.Ahead(ladder, keys[0] - 1));
        Assert.Equal(20_000, AdmissionOrder.Ahead(ladder, keys[^1] + 1));
        Assert.Equal(0, AdmissionOrder.Ahead(AdmissionOrder.Ladder(Array.Empty<long>()), 5));
    }

    [Fact]
    public void The_frontier_is_the_budget_th_smallest_head_across_partitions()
    {
        long[][] heads = [[1, 4, 9], [2, 3, 10], [5, 6, 7]];

        Assert.Equal(4, AdmissionOrder.Frontier(heads, 4, -1));
        Assert.Equal(7, AdmissionOrder.Frontier(heads, 4, 3));
        Assert.Equal(3, AdmissionOrder.Frontier(heads, 0, 3));
        Assert.Equal(10, AdmissionOrder.Frontier(heads, 100, -1));
        Assert.Equal(10, AdmissionOrder.Frontier([[], []], 5, 10));
    }
}
