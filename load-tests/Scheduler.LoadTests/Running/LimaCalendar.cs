using System.Globalization;

namespace Scheduler.LoadTests.Running;

/// <summary>Today's date where the offices are (America/Lima; UTC−5 all year if the zone is unknown).</summary>
public static class LimaCalendar
{
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time));

    /// <summary>Lima's local date and time as the API writes them ("yyyy-MM-dd", "HH:mm").</summary>
    public static (string Date, string Time) NowText(TimeProvider time)
    {
        var now = Now(time);
        return (now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), now.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    private static DateTime Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        try
        {
            return TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("America/Lima")).DateTime;
        }
        catch (TimeZoneNotFoundException)
        {
            return now.ToOffset(TimeSpan.FromHours(-5)).DateTime;
        }
    }
}
