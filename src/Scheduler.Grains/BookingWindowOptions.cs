namespace Scheduler.Grains;

/// <summary>How far ahead applicants may book, and how bookings are written (section <c>Scheduler:Booking</c>).</summary>
public sealed class BookingWindowOptions
{
    public const string Section = "Scheduler:Booking";

    /// <summary>Days ahead of today (office local) that are open for booking; seeded and kept warm.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 366)]
    public int HorizonDays { get; set; } = 56;

    /// <summary>
    /// Carry the seat rows that any grain of the silo hands in while a transaction is in flight in the next
    /// one (default). False commits every row in a transaction of its own: only for measuring what batching gains.
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Seat-journal rows a day accumulates after its snapshot before it writes a new one (in the background).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int SnapshotEveryRows { get; set; } = 500;
}
