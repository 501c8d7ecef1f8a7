using Scheduler.Domain.Admission;

namespace Scheduler.Domain.Tests;

/// <summary>
/// The admission rate in force follows admitted bookings' latency: cut when more than the allowed share is slow, climbing
/// back while bookings are fast, within the configured rate and its floor (a clock the test moves, one report a second as
/// front doors send them).
/// </summary>
public class AdmissionRateControllerTests
{
    private static readonly AdmissionRateRule Rule = new(SlowShare: 0.01, Decrease: 0.7, IncreasePerSecond: 0.05, FloorShare: 0.1, Window: TimeSpan.FromSeconds(3));

    [Fact]
    public void Fast_bookings_keep_the_configured_rate()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);

        for (var second = 0; second < 30; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            controller.Observe(bookings: 100, slow: 1);
            Assert.Equal(100, controller.Adjust());
        }

        Assert.Equal(0, controller.Cuts);
    }

    [Fact]
    public void More_slow_bookings_than_the_share_cut_the_rate_by_the_factor_once_per_window()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);

        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 100, slow: 5);
        Assert.Equal(70, controller.Adjust(), 6);

        // Still slow over the next two seconds: those bookings came from people admitted at the old rate, so no second cut yet,
        // and no climb either.
        for (var second = 0; second < 2; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            controller.Observe(bookings: 100, slow: 5);
            Assert.Equal(70, controller.Adjust(), 6);
        }

        // A window after the cut, still slow: cut again.
        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 100, slow: 5);
        Assert.Equal(49, controller.Adjust(), 6);
        Assert.Equal(2, controller.Cuts);
    }

    [Fact]
    public void The_rate_climbs_back_by_the_step_per_second_once_bookings_are_fast_and_stops_at_the_configured_rate()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);
        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 100, slow: 50);
        Assert.Equal(70, controller.Adjust(), 6);

        // The slow report leaves the window after 3 s; from then on each second adds 5 % of the configured rate.
        var rates = new List<double>();
        for (var second = 0; second < 12; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            controller.Observe(bookings: 100, slow: 0);
            rates.Add(controller.Adjust());
        }

        Assert.Equal([70, 70, 75, 80, 85, 90, 95, 100, 100, 100, 100, 100], rates.Select(r => Math.Round(r, 6)));
    }

    [Fact]
    public void Cuts_never_go_below_the_floor()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);

        for (var second = 0; second < 60; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            controller.Observe(bookings: 10, slow: 10);
            controller.Adjust();
        }

        Assert.Equal(10, controller.Rate, 6);
        Assert.True(controller.Cuts >= 7, $"cuts: {controller.Cuts}");
    }

    [Fact]
    public void One_slow_booking_among_few_does_not_cut_but_two_over_the_share_do()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);

        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 3, slow: 1);
        Assert.Equal(100, controller.Adjust());

        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 3, slow: 1);
        Assert.Equal(70, controller.Adjust(), 6);
    }

    [Fact]
    public void Reports_from_several_front_doors_in_one_second_are_judged_together()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);

        clock.Advance(TimeSpan.FromSeconds(1));
        // Each front door alone is within the share (1 slow of 150); together 3 of 450 is still within 1 %.
        controller.Observe(bookings: 150, slow: 1);
        controller.Observe(bookings: 150, slow: 1);
        controller.Observe(bookings: 150, slow: 1);
        Assert.Equal(100, controller.Adjust());

        clock.Advance(TimeSpan.FromSeconds(1));
        // 10 slow of 300 more: 13 of 750 in the window, over 1 %.
        controller.Observe(bookings: 150, slow: 5);
        controller.Observe(bookings: 150, slow: 5);
        Assert.Equal(70, controller.Adjust(), 6);
    }

    [Fact]
    public void The_rate_moves_at_most_once_a_second_however_often_it_is_asked()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);
        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 100, slow: 50);
        controller.Adjust();

        for (var tick = 0; tick < 10; tick++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            controller.Observe(bookings: 100, slow: 50);
            Assert.Equal(70, controller.Adjust(), 6);
        }
    }

    [Fact]
    public void An_operators_rate_is_in_force_at_once_and_forgets_what_was_reported_about_the_old_one()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);
        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 100, slow: 50);
        Assert.Equal(70, controller.Adjust(), 6);

        controller.Configure(40);
        Assert.Equal(40, controller.Rate);
        Assert.Equal((0, 0), controller.Recent);

        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 40, slow: 0);
        Assert.Equal(40, controller.Adjust());
    }

    [Fact]
    public void Without_bookings_the_rate_climbs_back_to_the_configured_one()
    {
        var clock = new ManualClock();
        var controller = new AdmissionRateController(Rule, clock, 100);
        clock.Advance(TimeSpan.FromSeconds(1));
        controller.Observe(bookings: 100, slow: 50);
        controller.Adjust();

        clock.Advance(TimeSpan.FromSeconds(30));
        for (var second = 0; second < 10; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            controller.Adjust();
        }

        Assert.Equal(100, controller.Rate);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
