using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Domain.Tests;

public class SlotPlannerTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    [Fact]
    public void A_weekday_is_cut_into_back_to_back_slots_from_opening_to_closing()
    {
        var plan = SlotPlanner.PlanDay(TestOffices.Office(counters: 6), TestOffices.Biometrics, Monday);

        Assert.Equal(27, plan.Slots.Count);
        Assert.Equal(new TimeOnly(8, 0), plan.Slots[0].Start);
        Assert.Equal(new TimeOnly(8, 20), plan.Slots[0].End);
        Assert.Equal(new TimeOnly(16, 40), plan.Slots[^1].Start);
        Assert.Equal(new TimeOnly(17, 0), plan.Slots[^1].End);
        Assert.All(plan.Slots, s => Assert.Equal(6, s.Capacity));
    }

    [Fact]
    public void A_slot_that_would_end_after_closing_is_not_offered()
    {
        var procedure = TestOffices.Biometrics with { SlotMinutes = 25 };

        var plan = SlotPlanner.PlanDay(TestOffices.Office(), procedure, Monday);

        Assert.True(plan.Slots[^1].End <= new TimeOnly(17, 0));
        Assert.Equal(21, plan.Slots.Count);
    }

    [Fact]
    public void Closed_weekdays_holidays_and_unserved_procedures_have_no_slots()
    {
        var office = TestOffices.Office();

        Assert.Empty(SlotPlanner.PlanDay(office, TestOffices.Biometrics, Monday.AddDays(1)).Slots);
        Assert.Empty(SlotPlanner.PlanDay(office, TestOffices.Biometrics, new DateOnly(2026, 12, 8)).Slots);
        Assert.Empty(SlotPlanner.PlanDay(office, new Procedure("other", "Other", 10, null), Monday).Slots);
    }

    [Fact]
    public void The_latest_matching_rule_sets_counters_and_hours_within_its_range_and_weekdays()
    {
        var office = TestOffices.Office(4,
            new CapacityRule("cpp-biometrics", Monday, Monday.AddDays(13), [], null, 10),
            new CapacityRule("cpp-biometrics", Monday, Monday.AddDays(13), [DayOfWeek.Monday], new OpeningHours(new TimeOnly(9, 0), new TimeOnly(10, 0)), 2));

        var ruled = SlotPlanner.PlanDay(office, TestOffices.Biometrics, Monday);
        var saturday = SlotPlanner.PlanDay(office, TestOffices.Biometrics, Monday.AddDays(5));
        var after = SlotPlanner.PlanDay(office, TestOffices.Biometrics, Monday.AddDays(14));

        Assert.Equal(3, ruled.Slots.Count);
        Assert.All(ruled.Slots, s => Assert.Equal(2, s.Capacity));
        Assert.All(saturday.Slots, s => Assert.Equal(10, s.Capacity));
        Assert.All(after.Slots, s => Assert.Equal(4, s.Capacity));
    }

    [Fact]
    public void Zero_counters_close_the_day()
    {
        var office = TestOffices.Office(4, new CapacityRule("cpp-biometrics", Monday, Monday, [], null, 0));

        Assert.Empty(SlotPlanner.PlanDay(office, TestOffices.Biometrics, Monday).Slots);
    }
}
