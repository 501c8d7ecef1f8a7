namespace Scheduler.Grains;

/// <summary>How far ahead applicants may book (configuration section <c>Scheduler:Booking</c>).</summary>
public sealed class BookingWindowOptions
{
    public const string Section = "Scheduler:Booking";

    /// <summary>Days ahead of today (office local) that are open for booking; seeded and kept warm.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 366)]
    public int HorizonDays { get; set; } = 56;
}
