namespace Scheduler.FaultTests.Infrastructure;

/// <summary>Finds dates to book on: weekdays (full opening hours) on which given offices have every seat free.</summary>
public static class FreeWeekdays
{
    private static readonly TimeZoneInfo Lima = TimeZoneInfo.FindSystemTimeZoneById("America/Lima");

    public static DateOnly TodayInLima => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Lima).DateTime);

    /// <summary>From the day after tomorrow (no slot can have begun) to five weeks ahead, in date order.</summary>
    public static async Task<IReadOnlyList<DateOnly>> FindAsync(SchedulerApi api, Uri front, IReadOnlyList<string> officeIds)
    {
        var from = TodayInLima.AddDays(2);
        var to = TodayInLima.AddDays(36);
        HashSet<DateOnly>? common = null;
        foreach (var officeId in officeIds)
        {
            var availability = await SchedulerApi.PatientlyAsync(() => api.GetAvailabilityAsync(front, officeId, from, to), TimeSpan.FromSeconds(30));
            var free = availability.Days
                .Where(d => d.Free == d.Capacity && d.Capacity > 0)
                .Select(d => DateOnly.ParseExact(d.Date, "yyyy-MM-dd"))
                .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                .ToHashSet();
            common = common is null ? free : [.. common.Intersect(free)];
        }

        return common!.Order().ToArray();
    }
}
