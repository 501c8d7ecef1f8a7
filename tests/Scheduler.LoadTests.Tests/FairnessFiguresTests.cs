using Scheduler.LoadTests.Fairness;
using Scheduler.LoadTests.Geography;
using Scheduler.LoadTests.Journeys;

namespace Scheduler.LoadTests.Tests;

/// <summary>The fairness figures of <c>summary.json</c>: who holds the seats, the far rule, and the targets.</summary>
public sealed class FairnessFiguresTests
{
    private const string Deadline = "2026-12-04";

    private static int _ids;

    private static ApplicantResult Result(
        bool bot = false, bool far = false, string outcome = JourneyOutcome.Booked, string? date = "2026-12-01", double km = 5, bool cancelled = false, bool filedInTime = false) => new()
        {
            ApplicantId = Interlocked.Increment(ref _ids),
            HomeOfficeId = far ? "jz-trujillo" : "lim-brena",
            HomeDepartment = far ? "La Libertad" : "Lima",
            Outcome = outcome,
            ArrivedAtSeconds = 0,
            FinishedAtSeconds = 1,
            OfficeId = date is null ? null : "lim-brena",
            Date = date,
            DistanceKm = date is null ? null : km,
            Cancelled = cancelled,
            IsBot = bot,
            HomeFar = far,
            FiledInTime = filedInTime,
        };

    private static ApplicantResult Unserved(bool bot = false, bool far = false, bool filedInTime = false) =>
        Result(bot, far, JourneyOutcome.GaveUp, date: null, filedInTime: filedInTime);

    [Fact]
    public void Shares_count_arrivals_and_the_seats_held_at_the_end()
    {
        // 10 arrivals: 2 bots (both seated), 8 people (3 seated, 1 of them cancelled later); 3 far (1 seated).
        var results = new List<ApplicantResult>
        {
            Result(bot: true), Result(bot: true, far: true),
            Result(), Result(far: true, date: "2026-12-10"), Result(cancelled: true),
            Unserved(), Unserved(), Unserved(), Unserved(far: true), Result(outcome: JourneyOutcome.Assigned),
        };

        var f = FairnessTally.Of(results, Deadline).ToFigures(dropped: 0, AllocationMode.Batch, reserves: true, farKm: 100);

        Assert.Equal((10, 2, 5, 2), (f.Arrivals, f.BotArrivals, f.Seats, f.BotSeats));
        Assert.Equal(0.2, f.BotArrivalShare, 10);
        Assert.Equal(0.4, f.BotSeatShare, 10);
        Assert.Equal(2.0, f.BotAdvantage, 10);
        Assert.Equal(0.3, f.FarDemandShare, 10);
        Assert.Equal(0.4, f.FarSeatShare, 10);
        Assert.Equal(3.0 / 8, f.PeopleServedShare, 10);
    }

    [Fact]
    public void Dropped_arrivals_count_as_people_who_asked_in_time_and_were_not_served()
    {
        var results = new[] { Result(), Unserved() };

        var f = FairnessTally.Of(results, Deadline).ToFigures(dropped: 2, AllocationMode.FirstCome, reserves: false, farKm: 100);

        Assert.Equal((2, 2, 4), (f.Arrivals, f.DroppedArrivals, f.People));
        Assert.Equal(0.25, f.PeopleServedShare, 10);
        Assert.Equal(0.25, f.FiledInTimeShare, 10);
        Assert.Equal(0, f.BotArrivalShare);
    }

    [Fact]
    public void Filed_in_time_is_a_seat_near_home_by_the_deadline_or_the_schedulers_word()
    {
        var results = new[]
        {
            Result(date: Deadline),                              // near, on the deadline date: served in time
            Result(date: "2026-12-05"),                          // the day after: not served in time...
            Result(date: "2026-12-05", filedInTime: true),       // ...unless the scheduler says it was filed in time
            Result(km: 80),                                      // before the deadline but 80 km away
            Unserved(filedInTime: true),                         // an open request filed in time
            Unserved(),
        };

        var f = FairnessTally.Of(results, Deadline).ToFigures(0, AllocationMode.Batch, true, 100);

        Assert.Equal(6, f.AskedBeforeDeadline);
        Assert.Equal(3, f.ServedOrFiledInTime);
        Assert.Equal(0.5, f.FiledInTimeShare, 10);
    }

    [Fact]
    public void A_run_without_arrivals_or_seats_has_zero_shares_not_NaN()
    {
        var f = new FairnessTally(Deadline).ToFigures(0, null, false, 100);

        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [f.BotArrivalShare, f.BotSeatShare, f.FarDemandShare, f.FarSeatShare, f.FiledInTimeShare, f.PeopleServedShare, f.BotAdvantage, f.FarRelativeGap]);
    }

    [Fact]
    public void The_far_rule_measures_from_the_nearest_office_of_the_capital()
    {
        var catalog = OfficeCatalog.LoadShipped();
        var rule = new FarRule(catalog.Offices, 100);
        var callao = catalog.Find("mac-callao")!.Location;   // ~7 km from the Lima offices
        var ica = catalog.Find("jz-ica")!.Location;          // ~250 km
        var huancayo = catalog.Find("jz-huancayo")!.Location; // ~190 km

        Assert.False(rule.IsFar(callao));
        Assert.True(rule.IsFar(ica));
        Assert.True(rule.IsFar(huancayo));
        Assert.False(new FarRule(catalog.Offices, 200).IsFar(huancayo));
        Assert.InRange(rule.DistanceToCapitalKm(ica), 240, 260);
    }

    [Fact]
    public void The_reserve_share_is_the_demand_share_of_the_offices_beyond_the_distance()
    {
        var offices = new[]
        {
            Office("lim-a", "Lima", -12.05, -77.05, 60),
            Office("cal-a", "Callao", -12.05, -77.12, 20),     // 8 km: near
            Office("far-a", "Cusco", -13.52, -71.97, 15),      // 570 km
            Office("far-b", "Ica", -14.07, -75.73, 5),         // 265 km
        };

        Assert.Equal(0.20, new FarRule(offices, 100).FarDemandShare(offices), 10);
        Assert.Equal(0.15, new FarRule(offices, 300).FarDemandShare(offices), 10);
    }

    [Fact]
    public void The_shipped_offices_put_about_15_percent_of_demand_far_from_Lima()
    {
        var catalog = OfficeCatalog.LoadShipped();

        Assert.InRange(new FarRule(catalog.Offices, 100).FarDemandShare(catalog.Offices), 0.15, 0.16);
    }

    [Fact]
    public void Targets_apply_to_batch_runs_and_judge_the_limits()
    {
        var batch = new FairnessFigures
        {
            Mode = AllocationMode.Batch,
            Reserves = true,
            BotArrivals = 10,
            FarArrivals = 10,
            AskedBeforeDeadline = 100,
            BotArrivalShare = 0.10,
            BotSeatShare = 0.11,
            FarDemandShare = 0.15,
            FarSeatShare = 0.143,
            FiledInTimeShare = 0.99,
        };
        var firstCome = batch with { Mode = AllocationMode.FirstCome };

        Assert.All(FairnessReport.Targets(batch), t => Assert.True(t.Met, t.Name));
        Assert.Equal([null, null, true], FairnessReport.Targets(firstCome).Select(t => t.Met));
        Assert.Equal([false, false, false], FairnessReport.Targets(batch with { BotSeatShare = 0.111, FarSeatShare = 0.142, FiledInTimeShare = 0.989 }).Select(t => t.Met));
        Assert.Null(FairnessReport.Targets(batch with { Reserves = false })[1].Met);
    }

    [Fact]
    public void The_lines_show_every_mode_side_by_side_and_each_targets_verdict()
    {
        var byMode = new Dictionary<string, FairnessFigures>
        {
            [AllocationMode.FirstCome] = new() { Mode = AllocationMode.FirstCome, BotArrivals = 5, BotArrivalShare = 0.1, BotSeatShare = 0.3, AskedBeforeDeadline = 50, FiledInTimeShare = 0.4 },
            [AllocationMode.Batch] = new() { Mode = AllocationMode.Batch, BotArrivals = 5, BotArrivalShare = 0.1, BotSeatShare = 0.1, AskedBeforeDeadline = 50, FiledInTimeShare = 1 },
        };

        var lines = FairnessReport.Lines(byMode);

        Assert.Equal("fairness: first-come | batch", lines[0]);
        Assert.Contains("  botSeatShare: 0.300 | 0.100", lines);
        Assert.Contains("  bots' seat share / arrival share: 3.00x | 1.00x", lines);
        Assert.Contains(lines, l => l.StartsWith("  target (first-come) filedInTimeShare >= 0.99: 0.400 - missed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  target (batch) botSeatShare <= 1.1 x botArrivalShare (batch): 0.100 vs 0.100 (1.00x) - met", StringComparison.Ordinal));
    }

    private static OfficeSite Office(string id, string department, double lat, double lon, double share) =>
        new(id, id, "agency", department, department, new GeoPoint(lat, lon), 1, share);
}
