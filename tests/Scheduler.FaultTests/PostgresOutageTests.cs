using System.Diagnostics;

namespace Scheduler.FaultTests;

/// <summary>PostgreSQL stopped for 10 s in the middle of a surge, then started again; silos are left alone.</summary>
[Collection(ScriptedClusterCollection.Name)]
public sealed class PostgresOutageTests(ScriptedCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task A_database_outage_fails_requests_fast_with_503_loses_nothing_acknowledged_and_heals_itself()
    {
        await cluster.StartAsync();
        await cluster.EnsureWholeAsync();
        var days = await cluster.TakeFreeWeekdaysAsync(3);
        var (hotDays, probeDay) = (days[..2], days[2]);
        var targets = hotDays.SelectMany(day => new[]
        {
            new BookingTarget("lim-sjl", day), new BookingTarget("lim-brena", day), new BookingTarget("lim-brena", day, "09:00"),
        }).ToArray();
        var plan = BookingSurge.Plan(series: 201, count: 1000, targets);
        var probeTargets = (await cluster.OfficeIdsAsync()).Take(4).Select(office => new BookingTarget(office, probeDay)).ToArray();
        var probe = new RecoveryProbe(cluster.Api, cluster.Fronts, probeTargets, series: 202) { Interval = TimeSpan.FromMilliseconds(500), Streak = 3 };

        var clock = Stopwatch.StartNew();
        var surge = BookingSurge.RunAsync(cluster.Api, cluster.Fronts, plan, TimeSpan.FromSeconds(20), clock, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(4));
        var stopAt = clock.Elapsed;
        TimeSpan downAt, backAt;
        RecoveryResult recovery;
        bool survived;
        IReadOnlyList<BookingAttempt> attempts;
        try
        {
            await cluster.StopPostgresAsync();
            downAt = clock.Elapsed;
            var rest = Outage - (clock.Elapsed - stopAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            await cluster.StartPostgresAsync();
            backAt = clock.Elapsed;
            recovery = await probe.RunAsync(clock, TimeSpan.FromSeconds(45));
            attempts = await surge;
            survived = await cluster.IsWholeAsync();
        }
        finally
        {
            await surge.WaitAsync(TimeSpan.FromMinutes(2)).ContinueWith(_ => { }, TaskScheduler.Default);
            await cluster.EnsureWholeAsync();
        }

        output.WriteLine($"PostgreSQL stopping at {stopAt.TotalSeconds:0.0} s, down at {downAt.TotalSeconds:0.0} s, back at {backAt.TotalSeconds:0.0} s");
        output.WriteLine(AttemptSummary.Describe("surge", attempts.ToArray()));
        output.WriteLine(AttemptSummary.Timeline(attempts.ToArray()));
        output.WriteLine("probe rounds:\n" + string.Join('\n', recovery.Rounds));
        output.WriteLine($"recovered {(recovery.RecoveredAt - backAt)?.TotalSeconds:0.0} s after PostgreSQL was back");

        var everything = attempts.Concat(recovery.Attempts).ToArray();
        var slow = everything.Where(a => a.Status is null || a.Elapsed > AnswerBound).ToArray();
        Assert.True(slow.Length == 0, $"answers slower than {AnswerBound.TotalSeconds:0} s (or none):\n" + string.Join('\n', slow.Take(20)));
        var unexpected = everything.Where(a => !IsExpected(a)).ToArray();
        Assert.True(unexpected.Length == 0, "unexpected answers (a failure must be 503 'unavailable'):\n" + string.Join('\n', unexpected.Take(20)));
        Assert.Contains(attempts, a => a.Status == 503 && a.SentAt > downAt && a.SentAt < backAt);
        Assert.Contains(attempts, a => a.Acknowledged && a.AnsweredAt < stopAt);
        Assert.NotNull(recovery.RecoveredAt);
        Assert.InRange(recovery.RecoveredAt.Value - backAt, TimeSpan.Zero, RecoveryBound);
        Assert.True(survived, "every silo and front door should have ridden out the outage (scripts/cluster.sh status)");

        await InvariantChecks.AcknowledgedBookingsAreReadableAsync(cluster.Api, cluster.Fronts, everything);
        var rosters = new List<RosterView>();
        foreach (var target in targets.DistinctBy(t => (t.OfficeId, t.Date)).Concat(probeTargets))
        {
            rosters.Add(await InvariantChecks.RosterHoldsAcknowledgedWithinCapacityAsync(cluster.Api, cluster.Fronts[0], target.OfficeId, target.Date, everything));
        }

        var stored = await cluster.ReadStoredDaysAsync(everything.Select(a => a.Booking.Target.DayKey));
        InvariantChecks.StoredStateHoldsAcknowledgedWithinCapacity(stored, everything, rosters);
    }

    private static bool IsExpected(BookingAttempt attempt) => attempt.Status switch
    {
        201 => true,
        409 => attempt.ProblemType == "slot-full",
        503 => attempt.ProblemType == "unavailable",
        _ => false,
    };
}
