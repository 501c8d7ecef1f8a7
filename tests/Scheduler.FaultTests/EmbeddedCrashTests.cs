using System.Diagnostics;

namespace Scheduler.FaultTests;

/// <summary>The embedded default (one process, co-hosted silo, SQLite file) killed with -9 during a surge.</summary>
public sealed class EmbeddedCrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task Killing_the_embedded_scheduler_mid_surge_loses_no_acknowledged_booking_and_overbooks_no_slot()
    {
        FaultTestRequirements.RequireProcesses();
        await using var scheduler = new EmbeddedScheduler();
        await scheduler.StartAsync(StartTimeout);
        var fronts = new[] { scheduler.Front };
        var days = (await FreeWeekdays.FindAsync(scheduler.Api, scheduler.Front, ["lim-sjl", "lim-brena"])).Take(2).ToArray();
        var targets = days.SelectMany(day => new[]
        {
            new BookingTarget("lim-sjl", day), new BookingTarget("lim-sjl", day, "08:00"),
            new BookingTarget("lim-brena", day), new BookingTarget("lim-brena", day, "08:40"),
        }).ToArray();
        var plan = BookingSurge.Plan(series: 401, count: 1000, targets);

        var clock = Stopwatch.StartNew();
        var surge = BookingSurge.RunAsync(scheduler.Api, fronts, plan, TimeSpan.FromSeconds(10), clock, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var killedAt = clock.Elapsed;
        await scheduler.KillAsync();
        var attempts = await surge;
        output.WriteLine($"killed at {killedAt.TotalSeconds:0.0} s");
        output.WriteLine(AttemptSummary.Describe("surge", attempts.ToArray()));
        output.WriteLine(AttemptSummary.Timeline(attempts.ToArray()));

        var restart = Stopwatch.StartNew();
        await scheduler.StartAsync(StartTimeout);
        output.WriteLine($"restarted on the same file in {restart.Elapsed.TotalSeconds:0.0} s");

        Assert.Contains(attempts, a => a.Acknowledged && a.AnsweredAt < killedAt);
        var answered = attempts.Where(a => a.Status is not null).ToArray();
        Assert.All(answered, a => Assert.True(a.Status == 201 || a is { Status: 409, ProblemType: "slot-full" } || a is { Status: 503, ProblemType: "unavailable" }, a.ToString()));

        await InvariantChecks.AcknowledgedBookingsAreReadableAsync(scheduler.Api, fronts, attempts);
        var rosters = new List<RosterView>();
        foreach (var target in targets.DistinctBy(t => (t.OfficeId, t.Date)))
        {
            rosters.Add(await InvariantChecks.RosterHoldsAcknowledgedWithinCapacityAsync(scheduler.Api, scheduler.Front, target.OfficeId, target.Date, attempts));
        }

        var stored = await scheduler.ReadStoredDaysAsync(targets.Select(t => t.DayKey));
        InvariantChecks.StoredStateHoldsAcknowledgedWithinCapacity(stored, attempts, rosters);
    }
}
