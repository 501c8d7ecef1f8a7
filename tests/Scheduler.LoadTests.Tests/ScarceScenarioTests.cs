using System.Globalization;
using Scheduler.LoadTests.Arrivals;
using Scheduler.LoadTests.Fairness;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Scenarios;

namespace Scheduler.LoadTests.Tests;

/// <summary>
/// <c>cpp-final-week-scarce</c> (issue 14, item 5): its arrivals ask for at least twice the seats in their reach
/// (the 7 days after today, the last day they accept), and far from Lima demand exceeds supply the most.
/// </summary>
public sealed class ScarceScenarioTests
{
    private const int SlotMinutes = 20; // cpp-biometrics

    private static readonly Scenario Scarce = ScenarioLoader.Load("cpp-final-week-scarce");
    private static readonly OfficeCatalog Catalog = OfficeCatalog.LoadShipped();

    /// <summary>
    /// Seats each office gives, once every release is out, over the days after today that applicants accept (today
    /// left out: it may have begun): a week, so each weekday once.
    /// </summary>
    private static Dictionary<string, int> SeatsInReach()
    {
        Assert.Equal(7, Scarce.Applicants.LatestDaysAhead);
        Assert.All(Scarce.Prepare!.RaiseCapacity.Concat(Scarce.Prepare.Releases.SelectMany(r => r.RaiseCapacity)), r => Assert.Equal((0, 7), (r.FromDaysAhead, r.ThroughDaysAhead)));
        return ReserveSizing.WeeklyCounterMinutes(Scarce, Catalog.Offices)!.ToDictionary(p => p.Key, p => (int)(p.Value / SlotMinutes));
    }

    [Fact]
    public void Lima_and_Callao_seats_are_released_in_two_steps_late_in_the_run_and_the_regions_are_not_released()
    {
        var releases = Scarce.Prepare!.Releases;

        Assert.Equal([85.0, 105.0], releases.Select(r => r.AtSeconds));
        Assert.All(releases, r => Assert.Equal(11, r.RaiseCapacity.Count));
        Assert.All(releases.SelectMany(r => r.RaiseCapacity), r => Assert.Contains(Catalog.Find(r.OfficeId)!.Department, new[] { "Lima", "Callao" }));
        Assert.Equal(["10:00", "11:00", "12:20"], new[] { Scarce.Prepare.RaiseCapacity[0], releases[0].RaiseCapacity[0], releases[1].RaiseCapacity[0] }.Select(r => r.Close));
    }

    [Fact]
    public void Stretching_the_run_moves_the_releases_with_the_arrival_curve()
    {
        var stretched = Scarce.Rescaled(1, 240);

        Assert.Equal([170.0, 210.0], stretched.Prepare!.Releases.Select(r => r.AtSeconds));
    }

    [Theory]
    [InlineData("""[{ "atSeconds": 130, "raiseCapacity": [ { "officeId": "lim-brena", "counters": 2 } ] }]""", "prepare.releases[0].atSeconds must lie within 0..durationSeconds")]
    [InlineData("""[{ "atSeconds": 10, "raiseCapacity": [] }]""", "prepare.releases[0].raiseCapacity needs at least one change")]
    [InlineData("""[{ "atSeconds": 10, "raiseCapacity": [ { "officeId": "lim-brena", "counters": 0 } ] }]""", "prepare.releases[0].raiseCapacity[0].counters must lie within 1..500")]
    [InlineData("""[{ "atSeconds": 20, "raiseCapacity": [ { "officeId": "a", "counters": 1 } ] }, { "atSeconds": 10, "raiseCapacity": [ { "officeId": "a", "counters": 1 } ] }]""", "prepare.releases[1].atSeconds goes back in time")]
    public void Bad_releases_are_refused_naming_the_field(string releases, string problem)
    {
        var json = $$"""{ "name": "r", "durationSeconds": 120, "rate": [ { "atSeconds": 0, "perSecond": 1 } ], "prepare": { "releases": {{releases}} } }""";

        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_office_that_serves_applicants_is_made_scarce_until_the_deadline()
    {
        Assert.Equal(Catalog.Offices.Where(o => o.DemandShare > 0).Select(o => o.Id).Order(), SeatsInReach().Keys.Order());
        Assert.Equal(Scarce.DeadlineDaysAhead, Scarce.Applicants.LatestDaysAhead);
    }

    [Fact]
    public void Arrivals_ask_for_at_least_twice_the_seats_in_their_reach_and_most_of_all_far_from_Lima()
    {
        var arrivals = new ArrivalCurve(Scarce.Rate, Scarce.DurationSeconds).ExpectedTotal;
        var seats = SeatsInReach();
        var rule = new FarRule(Catalog.Offices, Scarce.Allocation.FarFromCapitalKm);
        var totalShare = Catalog.Offices.Sum(o => o.DemandShare);
        double Demand(bool far) => arrivals * Catalog.Offices.Where(o => rule.IsFar(o.Location) == far).Sum(o => o.DemandShare) / totalShare;
        double Seats(bool far) => Catalog.Offices.Where(o => rule.IsFar(o.Location) == far).Sum(o => seats[o.Id]);

        var overall = arrivals / seats.Values.Sum();
        var capital = Demand(false) / Seats(false);
        var regions = Demand(true) / Seats(true);

        Assert.True(overall >= 2, $"arrivals {arrivals:0} for {seats.Values.Sum()} seats: {overall:0.00}x");
        Assert.True(capital >= 2, $"Lima and Callao: {capital:0.00}x");
        Assert.True(regions > capital, $"regions {regions:0.00}x, capital {capital:0.00}x");
        Assert.Equal((108, 1001), ((int)Seats(true), (int)Seats(false)));

        // And at every regional office, not just on the whole: none has seats to spare for its own people.
        foreach (var office in Catalog.Offices.Where(o => rule.IsFar(o.Location)))
        {
            var ratio = arrivals * office.DemandShare / totalShare / seats[office.Id];
            Assert.True(ratio > capital, $"{office.Id}: {ratio:0.00}x, capital {capital:0.00}x");
        }
    }

    [Fact]
    public void Only_the_far_homes_within_a_days_bus_ride_can_turn_to_the_capital_and_they_are_a_minority_of_the_far_demand()
    {
        var rule = new FarRule(Catalog.Offices, Scarce.Allocation.FarFromCapitalKm);
        var trip = Scarce.Applicants.CapitalTripKm!.Value;
        var far = Catalog.Offices.Where(o => rule.IsFar(o.Location) && o.DemandShare > 0).ToList();

        var withinTrip = far.Where(o => rule.DistanceToCapitalKm(o.Location) <= trip).Select(o => o.Id).Order().ToList();

        Assert.Equal(["jz-chimbote", "jz-huancayo", "jz-ica"], withinTrip);
        Assert.InRange(far.Where(o => withinTrip.Contains(o.Id)).Sum(o => o.DemandShare) / far.Sum(o => o.DemandShare), 0.2, 0.3);
    }
}
