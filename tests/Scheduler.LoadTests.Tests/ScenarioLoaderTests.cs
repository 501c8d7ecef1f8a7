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
    [InlineData("booking-peak")]
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

    [Fact]
    public void Booking_peak_raises_the_hot_office_first_and_sends_fresh_applicants_over_twenty_days_at_a_rising_rate()
    {
        var s = ScenarioLoader.Load("booking-peak");
        var curve = new ArrivalCurve(s.Rate, s.DurationSeconds);

        var raise = Assert.Single(s.Prepare!.RaiseCapacity);
        Assert.Equal(("lim-brena", 500, "07:00", "19:00"), (raise.OfficeId, raise.Counters, raise.Open, raise.Close));
        Assert.Equal((0, CapacityRaise.DefaultHorizonDays), (raise.FromDaysAhead, raise.ThroughDaysAhead));
        Assert.Equal(7, raise.Weekdays.Count);
        Assert.Equal(ApplicantBehaviour.DirectBook, s.Applicants.Journey);
        Assert.Equal("lim-brena", s.Applicants.TargetOfficeId);
        Assert.Equal(20, s.Applicants.DirectOpenDays);
        Assert.Equal(ApplicantBehaviour.EarliestFreeSlot, s.Applicants.DirectStart);
        Assert.Equal(1, s.Applicants.MaxAlternatives);
        Assert.Equal(0, s.Applicants.ThinkTimeMs.Max);
        Assert.Equal(500, curve.RateAt(s.WarmupSeconds));
        Assert.Equal(6000, curve.RateAt(s.DurationSeconds));

        // 36 slots of 20 min a day at 500 counters: the arrivals take well under the 20 days' seats.
        Assert.True(curve.ExpectedTotal < 0.65 * 20 * 36 * 500, $"{curve.ExpectedTotal} arrivals");
    }

    [Fact]
    public void A_prepare_section_is_read_with_its_defaults()
    {
        var scenario = ScenarioLoader.Parse("""
            {
              "name": "x", "durationSeconds": 10, "rate": [ { "atSeconds": 0, "perSecond": 1 } ],
              "prepare": { "raiseCapacity": [ { "officeId": "lim-brena", "counters": 40 } ] },
              "applicants": { "journey": "direct-book", "targetOfficeId": "lim-brena", "directOpenDays": 5 }
            }
            """);

        var raise = scenario.Prepare!.RaiseCapacity.Single();
        Assert.Equal(("lim-brena", 40, null, null), (raise.OfficeId, raise.Counters, raise.Open, raise.Close));
        Assert.Equal((0, 56, false), (raise.FromDaysAhead, raise.ThroughDaysAhead, raise.Relocate));
        Assert.Empty(raise.Weekdays);
        Assert.Equal("cpp-biometrics", raise.ProcedureOr(scenario.Procedure));
        Assert.Equal(5, scenario.Applicants.DirectOpenDays);
        Assert.Equal(ApplicantBehaviour.OpeningSlot, scenario.Applicants.DirectStart);
        Assert.Null(ScenarioLoader.Load("hot-office-peak").Prepare);
    }

    [Theory]
    [InlineData("""{ "counters": 10 }""", "officeId")]
    [InlineData("""{ "officeId": "o", "counters": -1 }""", "prepare.raiseCapacity[0].counters must lie within 0..500")] // 0: not served those days
    [InlineData("""{ "officeId": "o", "counters": 501 }""", "counters must lie within 0..500")]
    [InlineData("""{ "officeId": "o", "counters": 5, "open": "07:00" }""", "open and close go together")]
    [InlineData("""{ "officeId": "o", "counters": 5, "open": "19:00", "close": "07:00" }""", "close must be after open")]
    [InlineData("""{ "officeId": "o", "counters": 5, "open": "7am", "close": "19:00" }""", "HH:mm")]
    [InlineData("""{ "officeId": "o", "counters": 5, "weekdays": ["funday"] }""", "'funday' is not a weekday name")]
    [InlineData("""{ "officeId": "o", "counters": 5, "fromDaysAhead": 9, "throughDaysAhead": 3 }""", "throughDaysAhead")]
    [InlineData("""{ "officeId": "o", "counters": 5, "throughDaysAhead": 400 }""", "at most 366 days")]
    [InlineData("""{ "officeId": "o", "counters": 5, "hours": "all" }""", "hours")]
    public void A_capacity_raise_that_the_operator_route_would_refuse_is_refused_with_a_reason(string raise, string complaint)
    {
        var json = $$"""{ "name": "x", "durationSeconds": 10, "rate": [ { "atSeconds": 0, "perSecond": 1 } ], "prepare": { "raiseCapacity": [ {{raise}} ] } }""";

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Contains(complaint, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"directOpenDays\": 0", "applicants.directOpenDays")]
    [InlineData("\"directStart\": \"random\"", "applicants.directStart")]
    public void Direct_book_spreading_settings_are_checked(string applicants, string complaint)
    {
        var json = $$"""{ "name": "x", "durationSeconds": 10, "rate": [ { "atSeconds": 0, "perSecond": 1 } ], "applicants": { {{applicants}} } }""";

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Contains(complaint, e.Message, StringComparison.Ordinal);
    }
}
