using Scheduler.Contracts;

namespace Scheduler.Domain;

/// <summary>Derives a day's slots from an office's hours and capacity plan.</summary>
public static class SlotPlanner
{
    /// <summary>
    /// The slots <paramref name="office"/> offers for <paramref name="procedure"/> on <paramref name="date"/>:
    /// none on holidays, closed weekdays or with zero counters; otherwise back-to-back slots of the
    /// procedure's length from opening time, each ending no later than closing time.
    /// </summary>
    public static DayPlan PlanDay(OfficeProfile office, Procedure procedure, DateOnly date)
    {
        if (office.Holidays.Contains(date) || !office.Counters.TryGetValue(procedure.Id, out var counters))
        {
            return DayPlan.Closed(office.Id, procedure.Id, date);
        }

        office.WeeklyHours.TryGetValue(date.DayOfWeek, out var hours);
        var rule = office.Rules.LastOrDefault(r => r.AppliesTo(procedure.Id, date));
        if (rule is not null)
        {
            counters = rule.Counters;
            hours = rule.Hours ?? hours;
        }

        counters += office.Adjustments.Where(a => a.CountsOn(procedure.Id, date)).Sum(a => a.Delta);
        if (hours is null || counters <= 0 || procedure.SlotMinutes <= 0)
        {
            return DayPlan.Closed(office.Id, procedure.Id, date);
        }

        var slots = new List<SlotPlan>();
        var length = TimeSpan.FromMinutes(procedure.SlotMinutes);
        for (var start = hours.Open.ToTimeSpan(); start + length <= hours.Close.ToTimeSpan(); start += length)
        {
            slots.Add(new SlotPlan(TimeOnly.FromTimeSpan(start), TimeOnly.FromTimeSpan(start + length), counters));
        }

        return new DayPlan(office.Id, procedure.Id, date, slots);
    }
}
