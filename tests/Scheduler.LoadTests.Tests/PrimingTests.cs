using Scheduler.LoadTests.Running;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

/// <summary>The priming run that warms a just-started scheduler before a scenario is measured.</summary>
public sealed class PrimingTests
{
    [Theory]
    [InlineData("hot-office")]
    [InlineData("cpp-final-week")]
    [InlineData("slot-release")]
    [InlineData("hot-office-peak")]
    [InlineData("booking-peak")]
    public void Priming_books_another_procedure_for_other_people_at_a_steady_rate(string name)
    {
        var scenario = ScenarioLoader.Load(name);

        var prime = LoadRun.Priming(scenario, 30);

        Assert.NotEqual(scenario.Procedure, prime.Procedure);
        Assert.NotEqual(scenario.Seed, prime.Seed);
        Assert.Equal(30, prime.DurationSeconds);
        Assert.Equal(0, prime.WarmupSeconds);
        Assert.Single(prime.Rate.Select(r => r.PerSecond).Distinct());
        Assert.InRange(prime.Rate[0].PerSecond, 5, 100);
        Assert.Equal(scenario.Applicants, prime.Applicants);
        Assert.Null(prime.Prepare);
        Assert.Empty(ScenarioLoader.Validate(prime));
    }

    [Fact]
    public void Priming_a_scenario_for_the_priming_procedure_takes_the_other_one()
    {
        var scenario = ScenarioLoader.Load("smoke") with { Procedure = "cpp-card-pickup" };

        Assert.Equal("cpp-biometrics", LoadRun.Priming(scenario, 10).Procedure);
    }

    [Theory]
    [InlineData("cpp-final-week", 60)] // peak 120/s
    [InlineData("smoke", 5)] // peak 3/s: at least 5/s
    [InlineData("hot-office-peak", 100)] // peak 4,000/s: at most 100/s
    public void Priming_runs_at_half_the_peak_rate_within_5_to_100_per_second(string name, double perSecond)
    {
        Assert.Equal(perSecond, LoadRun.Priming(ScenarioLoader.Load(name), 20).Rate[0].PerSecond);
    }
}
