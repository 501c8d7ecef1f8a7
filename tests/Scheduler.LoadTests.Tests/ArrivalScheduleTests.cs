using Scheduler.LoadTests.Arrivals;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Uniform_arrivals_are_evenly_spaced_at_a_constant_rate()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 4)], 10);

        var times = ArrivalSchedule.Generate(curve, "uniform", new Random(1));

        Assert.Equal(40, times.Length);
        Assert.Equal(0.125, times[0], 9);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(0.25, pair.Second - pair.First, 9));
    }

    [Fact]
    public void Uniform_arrivals_follow_a_ramp_second_by_second()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 0), new RatePoint(100, 100)], 100);

        var perSecond = ArrivalSchedule.PerSecond(ArrivalSchedule.Generate(curve, "uniform", new Random(1)), 100);

        Assert.InRange(perSecond.Sum(), 4999, 5000);
        Assert.InRange(perSecond[10], 9, 12);
        Assert.InRange(perSecond[90], 89, 92);
    }

    [Fact]
    public void Poisson_arrivals_average_the_expected_count_and_stay_sorted_within_the_run()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 5), new RatePoint(60, 5), new RatePoint(60, 300), new RatePoint(65, 300), new RatePoint(75, 40), new RatePoint(100, 5)], 180);
        var counts = new List<int>();
        for (var seed = 0; seed < 20; seed++)
        {
            var times = ArrivalSchedule.Generate(curve, "poisson", new Random(seed));
            Assert.True(times.Zip(times.Skip(1)).All(p => p.First <= p.Second));
            Assert.All(times, t => Assert.InRange(t, 0, 180));
            counts.Add(times.Length);
        }

        // Mean of 20 Poisson counts: standard error is sqrt(λ/20), about 11 for λ ≈ 2600.
        Assert.InRange(counts.Average(), curve.ExpectedTotal - 50, curve.ExpectedTotal + 50);
    }

    [Fact]
    public void Poisson_arrivals_crowd_into_the_spike()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 5), new RatePoint(60, 5), new RatePoint(60, 300), new RatePoint(65, 300), new RatePoint(65, 5)], 120);

        var perSecond = ArrivalSchedule.PerSecond(ArrivalSchedule.Generate(curve, "poisson", new Random(3)), 120);

        Assert.InRange(perSecond[62], 220, 380);
        Assert.InRange(perSecond[30], 0, 20);
    }

    [Fact]
    public void The_same_seed_gives_the_same_schedule()
    {
        var curve = new ArrivalCurve([new RatePoint(0, 10)], 20);

        Assert.Equal(ArrivalSchedule.Generate(curve, "poisson", new Random(9)), ArrivalSchedule.Generate(curve, "poisson", new Random(9)));
    }
}
