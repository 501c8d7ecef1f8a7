namespace Scheduler.Api.Hosting;

/// <summary>"Today" and "now" in an office's time zone.</summary>
public static class LocalClock
{
    public static (DateOnly Today, TimeOnly Now) At(this TimeProvider clock, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}
