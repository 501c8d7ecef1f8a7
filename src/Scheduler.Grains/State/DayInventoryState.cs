using Scheduler.Contracts;

namespace Scheduler.Grains.State;

/// <summary>
/// A day inventory's snapshot: every appointment that holds (or held) one of its seats, as of seat-journal row
/// <see cref="JournalSequence"/>. The day's memory is this plus its journal rows after that one. Written in
/// the background now and then (compaction), never per booking. A snapshot written before the journal existed
/// has sequence 0 and is simply the whole day.
/// </summary>
[GenerateSerializer, Alias("scheduler.DayInventoryState")]
public sealed class DayInventoryState
{
    [Id(0)]
    public List<Appointment> Appointments { get; set; } = [];

    /// <summary>The last journal row folded into <see cref="Appointments"/> (0: none).</summary>
    [Id(1)]
    public long JournalSequence { get; set; }
}
