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

    private static readonly TimeZoneInfo? Lima = FindLima();

    private static DateTime Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return Lima is { } zone ? TimeZoneInfo.ConvertTime(now, zone).DateTime : now.ToOffset(TimeSpan.FromHours(-5)).DateTime;
    }

    private static TimeZoneInfo? FindLima()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Lima");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
    }
}
