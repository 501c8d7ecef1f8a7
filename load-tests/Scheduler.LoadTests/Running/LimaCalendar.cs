namespace Scheduler.LoadTests.Running;

/// <summary>Today's date where the offices are (America/Lima; UTC−5 all year if the zone is unknown).</summary>
public static class LimaCalendar
{
    public static DateOnly Today(TimeProvider time)
    {
        var now = time.GetUtcNow();
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Lima");
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        }
        catch (TimeZoneNotFoundException)
        {
            return DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(-5)).DateTime);
        }
    }
}
