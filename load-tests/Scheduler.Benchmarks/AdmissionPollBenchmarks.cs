using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Scheduler.Contracts;
using Scheduler.Domain.Admission;

namespace Scheduler.Benchmarks;

/// <summary>
/// What one waiting-room poll costs, in a nearly empty room (100 tickets) and a full one (100,000): the front door's
/// copy of the answer (found, or expired and replaced by the partition's fresh answer), and the partition's own work
/// for a position (the rank among its waiting keys plus the 15 other partitions' ladders). The cost must not grow with
/// the room. <see cref="Old_miss_counting_the_dictionary"/> is the front door's miss as it was before (it asked the
/// dictionary its Count, which takes every lock of the table): kept to show what grew.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class AdmissionPollBenchmarks
{
    private const int Partitions = 16;

    private readonly ConcurrentDictionary<string, (object Place, long Until)> oldPolls = new(StringComparer.Ordinal);
    private PollCache<object> polls = null!;
    private WaitingLine<object> waiting = null!;
    private AdmissionLadder[] ladders = null!;
    private string[] tickets = null!;
    private long[] keys = null!;
    private object answer = null!;
    private int next;

    [Params(100, 100_000)]
    public int Waiting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        answer = new object();
        polls = new PollCache<object>(500_000);
        tickets = Enumerable.Range(0, Waiting).Select(i => AdmissionTicket.New("cpp-biometrics", Partitions)).ToArray();
        foreach (var ticket in tickets)
        {
            polls.Set(ticket, answer, long.MaxValue);
            oldPolls[ticket] = (answer, long.MaxValue);
        }

        // One partition's share of the room, and every partition's ladder, as a tick leaves them.
        waiting = new WaitingLine<object>(seed: 15);
        for (var i = 0; i < Math.Max(1, Waiting / Partitions); i++)
        {
            waiting.Add(AdmissionOrder.Late(i * Partitions), answer);
        }

        keys = [.. waiting.InOrder().Select(e => e.Key)];
        ladders = Enumerable.Range(0, Partitions)
            .Select(p => AdmissionOrder.Ladder(keys.Select(k => k + p).ToArray()))
            .ToArray();
    }

    /// <summary>A poll answered from the front door's copy.</summary>
    [Benchmark]
    public bool Poll_answered_from_the_copy() => polls.TryGet(tickets[next++ % tickets.Length], 0, out _);

    /// <summary>A poll whose copy expired: looked up, then replaced by the fresh answer.</summary>
    [Benchmark]
    public bool Poll_whose_copy_expired()
    {
        var ticket = tickets[next++ % tickets.Length];
        var found = polls.TryGet(ticket, long.MaxValue, out _);
        polls.Set(ticket, answer, long.MaxValue);
        return found;
    }

    /// <summary>The same miss before the fix: the bound was checked with the dictionary's Count.</summary>
    [Benchmark]
    public bool Old_miss_counting_the_dictionary()
    {
        var ticket = tickets[next++ % tickets.Length];
        var found = oldPolls.TryGetValue(ticket, out var cached) && cached.Until > long.MaxValue - 1;
        if (oldPolls.Count < 500_000)
        {
            oldPolls[ticket] = (answer, long.MaxValue);
        }

        return found;
    }

    /// <summary>The partition's work for a position: its own tickets ahead (a rank) and the others' (their ladders).</summary>
    [Benchmark]
    public double Position_in_the_partition()
    {
        var key = keys[next++ % keys.Length];
        double ahead = waiting.Rank(key);
        for (var p = 1; p < ladders.Length; p++)
        {
            ahead += AdmissionOrder.Ahead(ladders[p], key);
        }

        return ahead;
    }
}
