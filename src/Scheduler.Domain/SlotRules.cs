using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>Where "now" is for one office: its local date and time, and how far ahead it takes bookings.</summary>
/// <param name="Today">The office's local date.</param>
/// <param name="Now">The office's local time of day.</param>
/// <param name="HorizonDays">Days after <paramref name="Today"/> that can be booked.</param>
public readonly record struct BookingClock(DateOnly Today, TimeOnly Now, int HorizonDays)
{
    /// <summary>The office's clock at <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public static BookingClock At(DateTimeOffset at, TimeZoneInfo zone, int horizonDays)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        return new BookingClock(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), horizonDays);
    }

    /// <summary>The earliest start still offered on <paramref name="date"/>: none when past, the time now when today.</summary>
    public TimeOnly? NotBefore(DateOnly date) => date < Today ? TimeOnly.MaxValue : date == Today ? Now : null;
}

/// <summary>
/// The rules of the slot grid, decided in one place: the date is within the booking window, the office serves the
/// procedure that day, a requested start is on the day's grid and has not begun. Free seats are
/// <see cref="SeatLedger"/>'s to decide.
/// </summary>
public static class SlotRules
{
    public static SlotRefusal Check(DayPlan plan, TimeOnly? start, BookingClock clock)
    {
        if (plan.Date < clock.Today)
        {
            return SlotRefusal.InThePast;
        }

        if (plan.Date.DayNumber - clock.Today.DayNumber > clock.HorizonDays)
        {
            return SlotRefusal.BeyondHorizon;
        }

        if (plan.Slots.Count == 0)
        {
            return SlotRefusal.Closed;
        }

        if (start is { } wanted)
        {
            if (plan.Slots.All(s => s.Start != wanted))
            {
                return SlotRefusal.NotOnGrid;
            }

            if (plan.Date == clock.Today && wanted <= clock.Now)
            {
                return SlotRefusal.Begun;
            }
        }

        return SlotRefusal.None;
    }
}
