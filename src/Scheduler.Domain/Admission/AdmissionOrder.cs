using Scheduler.Contracts;

namespace Scheduler.Domain.Admission;

/// <summary>
/// The waiting room's order, as plain arithmetic on order keys. A ticket's key is its arrival number
/// (<see cref="Late"/>), except that everyone who arrived before the announced opening draws a random key below every
/// arrival number (<see cref="Early"/>): they go first, in an order nobody can improve by arriving earlier.
/// </summary>
public static class AdmissionOrder
{
    /// <summary>Keys at or above this are arrival numbers; keys below are early arrivals' draws.</summary>
    public const long LateBase = 1L << 62;

    // The ladder keeps every rank up to here, then ranks about 3 % apart (so an estimate is off by at most ~3 %).
    private const int DenseRanks = 64;
    private const double Spacing = 1.03;

    public static long Late(long arrivalNumber) => LateBase + arrivalNumber;

    public static long Early() => System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue) * (long)int.MaxValue
        + System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>The ladder of <paramref name="sortedKeys"/> (ascending).</summary>
    public static AdmissionLadder Ladder(IList<long> sortedKeys) => Ladder(sortedKeys.Count, rank => sortedKeys[rank]);

    /// <summary>The ladder of <paramref name="count"/> ascending keys, the one at a rank read by <paramref name="keyAt"/> (a few hundred reads).</summary>
    public static AdmissionLadder Ladder(int count, Func<int, long> keyAt)
    {
        var keys = new List<long>();
        var ranks = new List<int>();
        var rank = 0;
        while (rank < count)
        {
            keys.Add(keyAt(rank));
            ranks.Add(rank);
            rank = rank < DenseRanks ? rank + 1 : Math.Max(rank + 1, (int)(rank * Spacing));
        }

        if (ranks.Count > 0 && ranks[^1] != count - 1)
        {
            keys.Add(keyAt(count - 1));
            ranks.Add(count - 1);
        }

        return new AdmissionLadder([.. keys], [.. ranks], count);
    }

    /// <summary>How many of the ladder's tickets have a key below <paramref name="key"/>: exact near the head, interpolated between rungs further back.</summary>
    public static double Ahead(AdmissionLadder ladder, long key)
    {
        if (ladder.Count == 0 || key <= ladder.Keys[0])
        {
            return 0;
        }

        if (key > ladder.Keys[^1])
        {
            return ladder.Count;
        }

        // First rung with a key >= key: every ticket below the rung before it is ahead, plus a share of the gap.
        var index = Array.BinarySearch(ladder.Keys, key);
        if (index >= 0)
        {
            while (index > 0 && ladder.Keys[index - 1] == key)
            {
                index--;
            }

            return ladder.Ranks[index];
        }

        var upper = ~index;
        var lower = upper - 1;
        var share = (double)(key - ladder.Keys[lower]) / (ladder.Keys[upper] - ladder.Keys[lower]);
        return ladder.Ranks[lower] + 1 + (share * (ladder.Ranks[upper] - ladder.Ranks[lower] - 1));
    }

    /// <summary>
    /// The key up to which to admit so that about <paramref name="budget"/> more tickets go in: the budget-th smallest of
    /// every partition's head keys (each partition sends its first <paramref name="budget"/>); <paramref name="current"/>
    /// when the budget is zero or nobody waits. Merging the heads is what keeps arrival order across partitions.
    /// </summary>
    public static long Frontier(IEnumerable<IReadOnlyList<long>> heads, int budget, long current)
    {
        if (budget <= 0)
        {
            return current;
        }

        var all = heads.SelectMany(h => h).Where(k => k > current).Order().Take(budget).ToArray();
        return all.Length == 0 ? current : all[^1];
    }
}
