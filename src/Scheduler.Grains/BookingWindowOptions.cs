using Scheduler.Storage;

namespace Scheduler.Grains;

/// <summary>
/// How far ahead applicants may book, and how often a day snapshots (section <c>Scheduler:Booking</c>; its
/// <c>GroupCommit</c> key is <see cref="Scheduler.Storage.JournalOptions"/>).
/// </summary>
public sealed class BookingWindowOptions
{
    public const string Section = "Scheduler:Booking";

    /// <summary>Days ahead of today (office local) that are open for booking; seeded and kept warm.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 366)]
    public int HorizonDays { get; set; } = 56;

    /// <summary>
    /// Seat-journal rows a day accumulates after its snapshot before it writes a new one (in the background); a day that
    /// holds more than twice as many records waits for half as many rows as it holds, so a snapshot's cost per row stays flat.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int SnapshotEveryRows { get; set; } = 500;
}
