using Scheduler.LoadTests.Fairness;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

/// <summary>
/// The reserve the batch scenario sets (<see cref="ReserveSizing"/>): the gap between the far group's share of demand
/// and the seats of far offices, which only far homes reach, as a share of the near offices' seats.
/// </summary>
public sealed class ReserveSizingTests
{
    private static readonly OfficeCatalog Catalog = OfficeCatalog.LoadShipped();

    [Theory]
    [InlineData(0.15, 10, 90, 0.0556)] // far needs 15 of 100; its offices give 10; 5 of the near 90 seats
    [InlineData(0.15, 20, 80, 0.0)] // its own offices already give more than its share: nothing to reserve
    [InlineData(0.15, 0, 100, 0.15)] // no far office: the demand share itself
    [InlineData(0.9, 0, 100, 0.9)]
    [InlineData(0.15, 10, 0, 0.0)] // no near seats to reserve
    public void The_reserve_is_the_far_groups_demand_share_less_what_its_own_offices_give(double demand, double far, double near, double expected)
    {
        Assert.Equal(expected, ReserveSizing.Share(demand, far, near), 4);
    }

    [Fact]
    public void In_the_scarce_scenario_far_offices_give_two_thirds_of_the_far_share_so_the_reserve_is_the_remaining_gap()
    {
        var scarce = ScenarioLoader.Load("cpp-final-week-scarce");
        var rule = new FarRule(Catalog.Offices, scarce.Allocation.FarFromCapitalKm);
        var demand = rule.FarDemandShare(Catalog.Offices);

        var share = ReserveSizing.ShareFor(scarce, Catalog.Offices, rule);

        // The regional offices' 108 seats a week (20 counter-minutes each) against 11 in Lima and Callao at 260 a day
        // once both releases are out.
        Assert.Equal(ReserveSizing.Share(demand, 108 * 20, 11 * 260 * 7), share, 6);
        Assert.InRange(share, 0.06, 0.07);
        Assert.True(share < demand / 2);
    }

    [Fact]
    public void A_week_counts_each_weekday_an_office_serves_and_a_later_change_replaces_an_earlier_one_on_its_days()
    {
        var scarce = ScenarioLoader.Load("cpp-final-week-scarce");
        CapacityRaise Raise(string office, int counters, string? close, params string[] weekdays) =>
            new() { OfficeId = office, Counters = counters, Open = close is null ? null : "08:00", Close = close, Weekdays = weekdays, ThroughDaysAhead = 7 };
        var plan = scarce with
        {
            Prepare = new ScenarioPreparation
            {
                RaiseCapacity = [Raise("jz-ica", 0, null), Raise("jz-ica", 1, "08:20", "monday", "friday"), Raise("lim-brena", 1, "10:00")],
                Releases = [new SeatRelease { AtSeconds = 60, RaiseCapacity = [Raise("lim-brena", 2, "10:00", "saturday")] }],
            },
        };

        var week = ReserveSizing.WeeklyCounterMinutes(plan, Catalog.Offices)!;

        Assert.Equal(2 * 20, week["jz-ica"]);
        Assert.Equal((6 * 120) + (2 * 120), week["lim-brena"]);
    }

    [Fact]
    public void A_scenario_that_plans_no_hours_falls_back_to_the_far_demand_share()
    {
        var scarce = ScenarioLoader.Load("cpp-final-week-scarce");
        var rule = new FarRule(Catalog.Offices, scarce.Allocation.FarFromCapitalKm);
        var officeHours = scarce with
        {
            Prepare = scarce.Prepare! with { RaiseCapacity = [scarce.Prepare.RaiseCapacity[0] with { Open = null, Close = null }, .. scarce.Prepare.RaiseCapacity.Skip(1)] },
        };

        Assert.Equal(rule.FarDemandShare(Catalog.Offices), ReserveSizing.ShareFor(officeHours, Catalog.Offices, rule), 6);
        Assert.Equal(rule.FarDemandShare(Catalog.Offices), ReserveSizing.ShareFor(scarce with { Prepare = null }, Catalog.Offices, rule), 6);
    }
}
