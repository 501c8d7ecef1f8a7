using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

/// <summary>The slot grid's rules, decided once for every caller (HTTP, waitlist, relocation).</summary>
public sealed class SlotRulesTests
{
    private static readonly DayPlan Plan = TestOffices.Plan(2, 9, 10);
    private static readonly DayPlan Closed = Plan with { Slots = [] };

    [Theory]
    [InlineData(-1, null, "12:00", SlotRefusal.InThePast)]
    [InlineData(57, null, "12:00", SlotRefusal.BeyondHorizon)]
    [InlineData(56, null, "12:00", SlotRefusal.None)]
    [InlineData(3, "09:30", "12:00", SlotRefusal.NotOnGrid)]
    [InlineData(3, "09:00", "12:00", SlotRefusal.None)]
    [InlineData(0, "09:00", "09:00", SlotRefusal.Begun)]
    [InlineData(0, "10:00", "09:59", SlotRefusal.None)]
    [InlineData(0, null, "23:00", SlotRefusal.None)]
    public void A_slot_is_refused_for_exactly_one_reason_or_none(int daysAhead, string? start, string now, SlotRefusal expected)
    {
        var clock = new BookingClock(Plan.Date.AddDays(-daysAhead), TimeOnly.Parse(now, System.Globalization.CultureInfo.InvariantCulture), 56);

        var refusal = SlotRules.Check(Plan, start is null ? null : TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), clock);

        Assert.Equal(expected, refusal);
    }

    [Fact]
    public void A_day_without_slots_is_closed_whatever_the_start()
    {
        var clock = new BookingClock(Plan.Date.AddDays(-1), new TimeOnly(12, 0), 56);

        Assert.Equal(SlotRefusal.Closed, SlotRules.Check(Closed, null, clock));
        Assert.Equal(SlotRefusal.Closed, SlotRules.Check(Closed, new TimeOnly(9, 0), clock));
    }

    [Fact]
    public void The_window_is_counted_in_whole_days_even_at_the_end_of_the_calendar()
    {
        var plan = Plan with { Date = DateOnly.MaxValue };
        var clock = new BookingClock(DateOnly.MaxValue.AddDays(-10), new TimeOnly(12, 0), 56);

        Assert.Equal(SlotRefusal.None, SlotRules.Check(plan, null, clock));
    }
}
