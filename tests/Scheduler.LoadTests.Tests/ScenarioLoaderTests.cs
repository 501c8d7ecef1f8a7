using Scheduler.LoadTests.Arrivals;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

public sealed class ScenarioLoaderTests
{
    [Theory]
    [InlineData("smoke")]
    [InlineData("cpp-final-week")]
    [InlineData("slot-release")]
    [InlineData("hot-office")]
    [InlineData("hot-office-peak")]
    [InlineData("availability-peak")]
    public void Every_shipped_scenario_loads_and_is_valid(string name)
    {
        var scenario = ScenarioLoader.Load(name);

        Assert.Equal(name, scenario.Name);
        Assert.Empty(ScenarioLoader.Validate(scenario));
        Assert.True(new ArrivalCurve(scenario.Rate, scenario.DurationSeconds).ExpectedTotal > 0);
    }

    [Fact]
    public void The_smoke_scenario_lasts_thirty_seconds_at_a_low_rate()
    {
        var smoke = ScenarioLoader.Load("smoke");

        Assert.Equal(30, smoke.DurationSeconds);
        Assert.True(smoke.Rate.Max(r => r.PerSecond) <= 5);
    }

    [Fact]
    public void The_hot_office_scenario_aims_everyone_at_lim_brena()
    {
        Assert.Equal("lim-brena", ScenarioLoader.Load("hot-office").Applicants.TargetOfficeId);
    }

    [Fact]
    public void Cpp_final_week_arrivals_grow_toward_the_deadline()
    {
        var s = ScenarioLoader.Load("cpp-final-week");
        var curve = new ArrivalCurve(s.Rate, s.DurationSeconds);

        Assert.True(curve.RateAt(s.DurationSeconds * 0.9) > 4 * curve.RateAt(s.DurationSeconds * 0.1));
    }

    [Fact]
    public void Comments_trailing_commas_and_defaults_are_accepted()
    {
        var scenario = ScenarioLoader.Parse("""
            {
              // a comment
              "name": "tiny",
              "durationSeconds": 10,
              "rate": [ { "atSeconds": 0, "perSecond": 1 }, ],
            }
            """);

        Assert.Equal("cpp-biometrics", scenario.Procedure);
        Assert.Equal("poisson", scenario.ArrivalProcess);
        Assert.Equal(0.05, scenario.Applicants.RescheduleShare);
    }

    [Theory]
    [InlineData("""{"name":"x","durationSeconds":10,"rate":[]}""", "at least one point")]
    [InlineData("""{"name":"x","durationSeconds":10,"rate":[{"atSeconds":5,"perSecond":1},{"atSeconds":2,"perSecond":1}]}""", "back in time")]
    [InlineData("""{"name":"x","durationSeconds":10,"rate":[{"atSeconds":0,"perSecond":-1}]}""", "non-negative")]
    [InlineData("""{"name":"x","durationSeconds":10,"rate":[{"atSeconds":0,"perSecond":1}],"applicants":{"cancelShare":2}}""", "cancelShare")]
    [InlineData("""{"name":"x","durationSeconds":10,"rate":[{"atSeconds":0,"perSecond":1}],"arrivalProcess":"bursty"}""", "arrivalProcess")]
    [InlineData("""{"name":"x","durationSeconds":10,"rate":[{"atSeconds":0,"perSecond":1}],"typo":1}""", "typo")]
    [InlineData("""{"durationSeconds":10,"rate":[{"atSeconds":0,"perSecond":1}]}""", "name")]
    public void Nonsense_is_refused_with_a_reason(string json, string mentioned)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Contains(mentioned, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_scenario_name_lists_the_known_ones()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("no-such-scenario"));

        Assert.Contains("smoke", e.Message);
    }

    [Fact]
    public void Rescaling_stretches_time_and_multiplies_rates()
    {
        var s = ScenarioLoader.Parse("""{"name":"x","durationSeconds":100,"rate":[{"atSeconds":0,"perSecond":2},{"atSeconds":50,"perSecond":10}]}""");

        var r = s.Rescaled(rateScale: 0.5, durationSeconds: 20);

        Assert.Equal(20, r.DurationSeconds);
        Assert.Equal([new RatePoint(0, 1), new RatePoint(10, 5)], r.Rate);
    }

    [Fact]
    public void The_peak_scenarios_offer_the_target_rates_after_their_warm_up()
    {
        var booking = ScenarioLoader.Load("hot-office-peak");
        var queries = ScenarioLoader.Load("availability-peak");

        Assert.Equal(ApplicantBehaviour.DirectBook, booking.Applicants.Journey);
        Assert.Equal("lim-brena", booking.Applicants.TargetOfficeId);
        Assert.Equal(1, booking.Applicants.MaxAlternatives);
        Assert.Equal(ApplicantBehaviour.SearchOnly, queries.Applicants.Journey);

        // Two requests per applicant at most: about 8,000 booking requests/s and 30,000 queries/s.
        var bookingCurve = new ArrivalCurve(booking.Rate, booking.DurationSeconds);
        var queryCurve = new ArrivalCurve(queries.Rate, queries.DurationSeconds);
        Assert.Equal(4000, bookingCurve.RateAt(booking.WarmupSeconds));
        Assert.Equal(15000, queryCurve.RateAt(queries.WarmupSeconds));
        Assert.True(booking.WarmupSeconds > 0 && booking.WarmupSeconds < booking.DurationSeconds);
    }

    [Theory]
    [InlineData("\"journey\": \"teleport\"", "applicants.journey")]
    [InlineData("\"journey\": \"direct-book\"", "targetOfficeId")]
    [InlineData("\"earliestLimit\": 0", "earliestLimit")]
    public void Journey_settings_are_checked(string applicants, string complaint)
    {
        var json = $$"""{ "name": "x", "durationSeconds": 10, "rate": [ { "atSeconds": 0, "perSecond": 1 } ], "applicants": { {{applicants}} } }""";

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Contains(complaint, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    public void A_warm_up_must_end_before_the_arrivals_do(double warmup)
    {
        var json = $$"""{ "name": "x", "durationSeconds": 10, "warmupSeconds": {{warmup}}, "rate": [ { "atSeconds": 0, "perSecond": 1 } ] }""";

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Contains("warmupSeconds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stretching_a_scenario_stretches_its_warm_up()
    {
        var stretched = ScenarioLoader.Load("hot-office-peak").Rescaled(0.5, 50);

        Assert.Equal(22.5, stretched.WarmupSeconds);
        Assert.Equal(2000, stretched.Rate[^1].PerSecond);
    }
}
