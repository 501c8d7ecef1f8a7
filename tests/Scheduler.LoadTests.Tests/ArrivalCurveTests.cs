using Scheduler.LoadTests.Arrivals;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

public sealed class ArrivalCurveTests
{
    [Fact]
    public void A_constant_rate_expects_rate_times_duration_arrivals()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 10)], 60);

        Assert.Equal(600, curve.ExpectedTotal, 6);
        Assert.Equal(10, curve.RateAt(30), 6);
    }

    [Fact]
    public void A_linear_ramp_integrates_to_the_area_under_it()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 0), new RatePoint(100, 20)], 100);

        Assert.Equal(1000, curve.ExpectedTotal, 6);
        Assert.Equal(250, curve.Cumulative(50), 6);
        Assert.Equal(10, curve.RateAt(50), 6);
    }

    [Fact]
    public void Inverting_the_cumulative_gives_back_the_instant()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 5), new RatePoint(40, 50), new RatePoint(40, 200), new RatePoint(45, 200), new RatePoint(60, 5)], 90);

        foreach (var t in new[] { 0.0, 3.3, 20, 39.9, 40.5, 44, 50, 59, 75, 90 })
        {
            var level = curve.Cumulative(t);
            Assert.Equal(t, curve.InverseCumulative(level)!.Value, 6);
        }
    }

    [Fact]
    public void A_step_makes_a_spike_of_the_step_height()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 5), new RatePoint(60, 5), new RatePoint(60, 300), new RatePoint(65, 300), new RatePoint(65, 5)], 120);

        Assert.Equal(5, curve.RateAt(59.9), 6);
        Assert.Equal(300, curve.RateAt(62), 6);
        Assert.Equal(5, curve.RateAt(70), 6);
        Assert.Equal((115 * 5) + (5 * 300), curve.ExpectedTotal, 6);
    }

    [Fact]
    public void The_curve_is_extended_flat_before_its_first_and_after_its_last_point()
    {
        var curve = new ArrivalCurve([new RatePoint(10, 2), new RatePoint(20, 4)], 30);

        Assert.Equal(2, curve.RateAt(5), 6);
        Assert.Equal(4, curve.RateAt(25), 6);
        Assert.Equal(20 + 30 + 40, curve.ExpectedTotal, 6);
    }

    [Fact]
    public void Past_the_end_of_the_run_there_is_no_instant()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 1)], 10);

        Assert.Null(curve.InverseCumulative(10.5));
    }
}
