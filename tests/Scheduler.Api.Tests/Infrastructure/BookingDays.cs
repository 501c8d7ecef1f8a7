using System.Globalization;
using Scheduler.Grains.Seed;

namespace Scheduler.Api.Tests.Infrastructure;

/// <summary>
/// Dates for tests, computed from today in America/Lima: open weekdays (Monday to Friday, not a Peru
/// holiday of the seed catalogue) a few days ahead, so that no slot has begun and every test is
/// deterministic. Each area of tests books on a day of its own, so tests never see each other's seats.
/// </summary>
public static class BookingDays
{
    public const int HorizonDays = 56;

    private static readonly TimeZoneInfo Lima = TimeZoneInfo.FindSystemTimeZoneById("America/Lima");
    private static readonly Lazy<DateOnly[]> OpenWeekdays = new(FindOpenWeekdays);

    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Lima).DateTime);

    /// <summary>Read-only searches.</summary>
    public static DateOnly Search => OpenWeekdays.Value[0];

    /// <summary>Bookings, idempotency, a full slot at lim-sjl.</summary>
    public static DateOnly Booking => OpenWeekdays.Value[1];

    /// <summary>Reading, rescheduling and cancelling appointments at lim-sjl.</summary>
    public static DateOnly Lifecycle => OpenWeekdays.Value[2];

    /// <summary>A day at lim-sjl that reschedules move to.</summary>
    public static DateOnly RescheduleTarget => OpenWeekdays.Value[3];

    /// <summary>Capacity changes and rosters.</summary>
    public static DateOnly Admin => OpenWeekdays.Value[4];

    /// <summary>Refused requests (nothing may land on it).</summary>
    public static DateOnly BadInput => OpenWeekdays.Value[5];

    /// <summary>The concurrent rush at one lim-sjl slot.</summary>
    public static DateOnly Rush => OpenWeekdays.Value[6];

    /// <summary>Bookings that must survive a restart.</summary>
    public static DateOnly Restart => OpenWeekdays.Value[7];

    /// <summary>Office closures and the relocations they cause.</summary>
    public static DateOnly Closure => OpenWeekdays.Value[8];

    /// <summary>Counter transfers between offices.</summary>
    public static DateOnly Transfer => OpenWeekdays.Value[9];

    /// <summary>Utilisation: bookings, a sold-out day and a waiting applicant counted per office.</summary>
    public static DateOnly Utilization => OpenWeekdays.Value[10];

    /// <summary>The waitlist: offices closed for it, applicants waiting and booked automatically.</summary>
    public static DateOnly Waitlist => OpenWeekdays.Value[11];

    /// <summary>Capacity changes with opening hours, and cuts that relocate.</summary>
    public static DateOnly Hours => OpenWeekdays.Value[12];

    /// <summary>Operator actions made to read them back from the audit trail.</summary>
    public static DateOnly Audit => OpenWeekdays.Value[13];

    /// <summary>The generated bad-input suite's known appointment (nothing else may land on it).</summary>
    public static DateOnly GeneratedBadInput => OpenWeekdays.Value[14];

    /// <summary>Operator operations that fail part-way and are retried with their operation id.</summary>
    public static DateOnly OperatorRetry => OpenWeekdays.Value[15];

    /// <summary>The first Sunday after <see cref="Search"/> (offices are closed on Sundays).</summary>
    public static DateOnly Sunday => Enumerable.Range(1, 7).Select(Search.AddDays).First(d => d.DayOfWeek == DayOfWeek.Sunday);

    public static string Text(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly[] FindOpenWeekdays()
    {
        var holidays = SeedCatalog.LoadPeru(DateTimeOffset.UtcNow.Year).Offices.Single(o => o.Id == "lim-brena").Holidays;
        var today = Today;
        return Enumerable.Range(2, HorizonDays - 6)
            .Select(today.AddDays)
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d))
            .ToArray();
    }
}
