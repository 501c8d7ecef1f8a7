using Scheduler.Domain.Admission;

namespace Scheduler.Domain.Tests;

/// <summary>A partition's waiting line: the order, ranks and keys at ranks a sorted list would give, under any mix of joins and admissions.</summary>
public class WaitingLineTests
{
    [Fact]
    public void Joins_in_any_order_come_out_sorted_with_ranks_and_keys_at_ranks_of_a_sorted_list()
    {
        var random = new Random(7);
        var line = new WaitingLine<string>(seed: 1);
        var model = new SortedList<long, string>();
        for (var step = 0; step < 20_000; step++)
        {
            // Mostly arrival numbers in order, some early arrivals' random keys, and admissions of the head or of any ticket.
            var roll = random.NextDouble();
            if (roll < 0.45 || model.Count == 0)
            {
                var key = roll < 0.35 ? (model.Count == 0 ? 1_000_000 : model.Keys[^1] + 1 + random.Next(3)) : random.NextInt64(0, 1_000_000);
                if (model.ContainsKey(key))
                {
                    Assert.Throws<ArgumentException>(() => line.Add(key, "dup"));
                    continue;
                }

                line.Add(key, $"t{key}");
                model.Add(key, $"t{key}");
            }
            else if (roll < 0.8)
            {
                var head = model.Keys[0];
                Assert.True(line.Remove(head));
                model.RemoveAt(0);
            }
            else
            {
                var any = model.Keys[random.Next(model.Count)];
                Assert.True(line.Remove(any));
                model.Remove(any);
                Assert.False(line.Remove(any));
            }

            Assert.Equal(model.Count, line.Count);
            if (step % 500 == 0 && model.Count > 0)
            {
                Assert.Equal(model.Select(e => (e.Key, e.Value)), line.InOrder());
                for (var probe = 0; probe < 50; probe++)
                {
                    var rank = random.Next(model.Count);
                    Assert.Equal(model.Keys[rank], line.KeyAt(rank));
                    Assert.Equal(rank, line.Rank(model.Keys[rank]));
                    // A key not in the line ranks where it would be inserted.
                    var absent = model.Keys[rank] - 1;
                    if (!model.ContainsKey(absent))
                    {
                        Assert.Equal(rank, line.Rank(absent));
                    }
                }
            }
        }
    }

    [Fact]
    public void An_empty_line_ranks_everything_first_and_has_no_key_at_any_rank()
    {
        var line = new WaitingLine<string>();

        Assert.Equal(0, line.Count);
        Assert.Equal(0, line.Rank(42));
        Assert.Empty(line.InOrder());
        Assert.False(line.Remove(42));
        Assert.Throws<ArgumentOutOfRangeException>(() => line.KeyAt(0));
    }

    [Fact]
    public void The_head_is_taken_lazily_in_order()
    {
        var line = new WaitingLine<int>(seed: 3);
        foreach (var key in new long[] { 50, 10, 40, 20, 30 })
        {
            line.Add(key, (int)key);
        }

        Assert.Equal([10L, 20L, 30L], line.InOrder().Take(3).Select(e => e.Key));
        Assert.Equal([10L, 20L, 30L, 40L, 50L], Enumerable.Range(0, line.Count).Select(line.KeyAt));
        Assert.Equal(AdmissionOrder.Ladder([10, 20, 30, 40, 50]), AdmissionOrder.Ladder(line.Count, line.KeyAt), new LadderComparer());
    }

    private sealed class LadderComparer : IEqualityComparer<Scheduler.Contracts.AdmissionLadder>
    {
        public bool Equals(Scheduler.Contracts.AdmissionLadder? x, Scheduler.Contracts.AdmissionLadder? y) =>
            x is not null && y is not null && x.Count == y.Count && x.Keys.SequenceEqual(y.Keys) && x.Ranks.SequenceEqual(y.Ranks);

        public int GetHashCode(Scheduler.Contracts.AdmissionLadder obj) => obj.Count;
    }
}
