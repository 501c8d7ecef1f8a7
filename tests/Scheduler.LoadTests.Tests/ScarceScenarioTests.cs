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

    /// <summary>Seats each office gives over the days after today that applicants accept (today left out: it may have begun).</summary>
    private static Dictionary<string, int> SeatsInReach()
    {
        var days = Scarce.Applicants.LatestDaysAhead!.Value;
        return Scarce.Prepare!.RaiseCapacity.ToDictionary(
            r => r.OfficeId,
            r =>
            {
                var minutes = (TimeOnly.Parse(r.Close!, CultureInfo.InvariantCulture) - TimeOnly.Parse(r.Open!, CultureInfo.InvariantCulture)).TotalMinutes;
                Assert.Equal((0, days), (r.FromDaysAhead, r.ThroughDaysAhead));
                Assert.Empty(r.Weekdays);
                return r.Counters * (int)(minutes / SlotMinutes) * days;
            });
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
    }
}
