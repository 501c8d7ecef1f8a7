using System.Diagnostics.CodeAnalysis;
using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>
/// What an office shows of its days: the availability each day last reported (by publishing it, or by answering the
/// office), and the days whose report the office could not get, to be asked again. Memory only: an office that
/// activates starts empty and asks its days. Reads and records allocate nothing.
/// </summary>
public sealed class AvailabilityBoard
{
    private readonly Dictionary<(string Procedure, DateOnly Date), DayAvailability> days = [];
    private readonly HashSet<(string Procedure, DateOnly Date)> unanswered = [];

    public bool TryGet(string procedure, DateOnly date, [MaybeNullWhen(false)] out DayAvailability availability) =>
        days.TryGetValue((procedure, date), out availability);

    /// <summary>Records what a day reports and answers how many seats the board showed free before (null: nothing shown).</summary>
    public int? Record(string procedure, DayAvailability availability)
    {
        var key = (procedure, availability.Date);
        if (unanswered.Count > 0)
        {
            unanswered.Remove(key);
        }

        int? before = days.TryGetValue(key, out var previous) ? FreeSeats(previous) : null;
        days[key] = availability;
        return before;
    }

    /// <summary>A day did not answer: ask it again at the next check.</summary>
    public void MarkUnanswered(string procedure, DateOnly date) => unanswered.Add((procedure, date));

    /// <summary>The days to ask again, in no particular order.</summary>
    public (string Procedure, DateOnly Date)[] TakeUnanswered()
    {
        var taken = unanswered.ToArray();
        unanswered.Clear();
        return taken;
    }

    /// <summary>Forgets the days before <paramref name="today"/> (they can no longer be booked or searched).</summary>
    public void ForgetBefore(DateOnly today)
    {
        // Removing while enumerating a Dictionary is allowed (it does not invalidate the enumerator).
        foreach (var entry in days)
        {
            if (entry.Key.Date < today)
            {
                days.Remove(entry.Key);
            }
        }
    }

    /// <summary>The free seats of a day, without the enumerator that <see cref="DayAvailability.Free"/> allocates.</summary>
    public static int FreeSeats(DayAvailability availability)
    {
        var free = 0;
        var slots = availability.Slots;
        for (var i = 0; i < slots.Count; i++)
        {
            free += slots[i].Free;
        }

        return free;
    }
}
