using BenchmarkDotNet.Attributes;
using Scheduler.Domain.Admission;

namespace Scheduler.Benchmarks;

/// <summary>
/// What a partition's waiting line costs per join and admission, with 100 and 100,000 tickets waiting in the partition:
/// an early arrival's random key joins and the head is admitted (the line keeps its length), and what a board's report
/// reads (the heads and the ladder). <see cref="WaitingLine{T}"/> is what the partition holds; the
/// <see cref="SortedList{TKey, TValue}"/> cases are what it held before (an insert in the middle and every removal of the
/// head move the arrays behind them), kept to show what grew with the line.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AdmissionLineBenchmarks
{
    private readonly object ticket = new();
    private WaitingLine<object> line = null!;
    private SortedList<long, object> sorted = null!;
    private long[] early = null!;
    private int next;

    [Params(100, 100_000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(15);
        line = new WaitingLine<object>(seed: 15);
        sorted = [];
        // A room after the opening: early arrivals' random keys below every arrival number, then arrival numbers.
        for (var i = 0; i < Waiting; i++)
        {
            var key = i < Waiting / 10 ? random.NextInt64(0, AdmissionOrder.LateBase) : AdmissionOrder.Late(i);
            if (!sorted.ContainsKey(key))
            {
                line.Add(key, ticket);
                sorted.Add(key, ticket);
            }
        }

        // Keys for joins: random keys anywhere in the line (an early arrival's draw lands among the early ones).
        early = Enumerable.Range(0, 1 << 16).Select(_ => random.NextInt64(0, AdmissionOrder.LateBase)).ToArray();
    }

    /// <summary>An early arrival joins and the head goes in: the partition's line.</summary>
    [Benchmark(Baseline = true)]
    public int Join_and_admit_the_head()
    {
        var key = early[next++ & 0xFFFF];
        if (!line.Contains(key))
        {
            line.Add(key, ticket);
            line.Remove(line.KeyAt(0));
        }

        return line.Count;
    }

    /// <summary>The same with the sorted list the partition held before.</summary>
    [Benchmark]
    public int Join_and_admit_the_head_sorted_list()
    {
        var key = early[next++ & 0xFFFF];
        if (!sorted.ContainsKey(key))
        {
            sorted.Add(key, ticket);
            sorted.RemoveAt(0);
        }

        return sorted.Count;
    }

    /// <summary>A ticket's rank among its partition's waiting tickets (a poll's own-partition part).</summary>
    [Benchmark]
    public int Rank_of_a_ticket() => line.Rank(early[next++ & 0xFFFF]);

    /// <summary>What the partition reports to each board: 64 head keys and its ladder.</summary>
    [Benchmark]
    public int Report_heads_and_ladder()
    {
        var heads = line.InOrder().Take(64).Count();
        return heads + AdmissionOrder.Ladder(line.Count, line.KeyAt).Keys.Length;
    }
}
