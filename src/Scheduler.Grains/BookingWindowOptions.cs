namespace Scheduler.Grains;

/// <summary>How far ahead applicants may book, and how bookings are written (section <c>Scheduler:Booking</c>).</summary>
public sealed class BookingWindowOptions
{
    public const string Section = "Scheduler:Booking";

    /// <summary>Days ahead of today (office local) that are open for booking; seeded and kept warm.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 366)]
    public int HorizonDays { get; set; } = 56;

    /// <summary>
    /// Carry the decisions that arrive during a day inventory's write in its next single write (default).
    /// False writes once per decision: only for measuring what group commit gains.
    /// </summary>
    public bool GroupCommit { get; set; } = true;
}
