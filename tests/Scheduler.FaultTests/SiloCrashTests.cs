using System.Diagnostics;

namespace Scheduler.FaultTests;

/// <summary>
/// kill -9 of the silo holding the busiest office while 2,000 applicants book through both front doors over 20 s, after
/// an earlier burst on a day of its own that nobody books again (so only the office asking its days can make that day
/// show true). Bookings at the offices of a dead silo fail until membership declares it dead (about 10 s); the surge
/// lasts long enough after the kill to see them resume.
/// </summary>
[Collection(ScriptedClusterCollection.Name)]
public sealed class SiloCrashTests(ScriptedCluster cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TruthBound = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public async Task Killing_the_silo_of_a_busy_office_mid_surge_loses_no_booking_overbooks_no_slot_resumes_within_30_s_and_shows_true_availability_within_5_s()
    {
        await cluster.StartAsync();
        await cluster.EnsureWholeAsync();
        var days = await cluster.TakeFreeWeekdaysAsync(4);
        var (hotDays, probeDay, earlyDay) = (days[..2], days[2], days[3]);
        var targets = hotDays.SelectMany(day => new[]
        {
            new BookingTarget("lim-sjl", day), new BookingTarget("lim-sjl", day, "08:00"),
            new BookingTarget("lim-brena", day), new BookingTarget("lim-brena", day), new BookingTarget("lim-brena", day, "08:40"),
        }).ToArray();
        var plan = BookingSurge.Plan(series: 101, count: 2000, targets);
        var probeTargets = (await cluster.OfficeIdsAsync()).Take(8).Select(office => new BookingTarget(office, probeDay)).ToArray();
        var probe = new RecoveryProbe(cluster.Api, cluster.Fronts, probeTargets, series: 102);

        var clock = Stopwatch.StartNew();
        var earlyTargets = new[] { new BookingTarget("lim-sjl", earlyDay), new BookingTarget("lim-brena", earlyDay), new BookingTarget("lim-sjl", earlyDay, "09:00") };
        var early = await BookingSurge.RunAsync(cluster.Api, cluster.Fronts, BookingSurge.Plan(series: 103, count: 240, earlyTargets), TimeSpan.FromSeconds(2), clock, TimeSpan.FromSeconds(60));
        Assert.All(early, a => Assert.True(a.Status == 201 || a is { Status: 409, ProblemType: "slot-full" }, a.ToString()));
        var victim = await cluster.SiloHostingOfficeAsync("lim-sjl") ?? throw new InvalidOperationException("No silo reports hosting lim-sjl.");
        var brenaSilo = await cluster.SiloHostingOfficeAsync("lim-brena");

        var surge = BookingSurge.RunAsync(cluster.Api, cluster.Fronts, plan, TimeSpan.FromSeconds(20), clock, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(4));
        var killedAt = clock.Elapsed;
        RecoveryResult recovery;
        IReadOnlyList<BookingAttempt> attempts;
        try
        {
            await cluster.KillSiloAsync(victim);
            recovery = await probe.RunAsync(clock, TimeSpan.FromSeconds(45));
            attempts = await surge;
        }
        finally
        {
            await surge.WaitAsync(TimeSpan.FromMinutes(2)).ContinueWith(_ => { }, TaskScheduler.Default);
            await cluster.EnsureWholeAsync();
        }

        output.WriteLine($"silo{victim} (lim-sjl; lim-brena on silo{brenaSilo}) killed at {killedAt.TotalSeconds:0.0} s");
        output.WriteLine(AttemptSummary.Describe("surge", attempts.ToArray()));
        output.WriteLine(AttemptSummary.Timeline(attempts.ToArray()));
        output.WriteLine("probe rounds:\n" + string.Join('\n', recovery.Rounds));
        output.WriteLine($"recovered {(recovery.RecoveredAt - killedAt)?.TotalSeconds:0.0} s after the kill");

        Assert.Contains(attempts, a => a.Acknowledged && a.AnsweredAt < killedAt);
        Assert.Contains(attempts, a => a.Acknowledged && a.SentAt > killedAt);
        // Front doors stayed up: every request got an answer, and a failure is a 503 problem, never a 500 or a hang.
        var unexpected = attempts.Concat(recovery.Attempts).Where(a => !IsExpected(a)).ToArray();
        Assert.True(unexpected.Length == 0, "unexpected answers:\n" + string.Join('\n', unexpected.Take(20)));
        Assert.NotNull(recovery.RecoveredAt);
        Assert.InRange(recovery.RecoveredAt.Value - killedAt, TimeSpan.Zero, RecoveryBound);

        // Invariant 8, right after the surge: availability through every front door counts exactly the seats on the rosters.
        var busyDays = hotDays.Append(earlyDay).SelectMany(day => new[] { ("lim-sjl", day), ("lim-brena", day) }).ToArray();
        var (_, truthAfter) = await InvariantChecks.AvailabilityMatchesRostersAsync(cluster.Api, cluster.Fronts, busyDays, TruthBound, RecoveryBound);
        output.WriteLine($"availability matched the rosters {truthAfter.TotalSeconds:0.0} s after the surge was answered ({(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill)");

        var everything = attempts.Concat(recovery.Attempts).Concat(early).ToArray();
        await InvariantChecks.AcknowledgedBookingsAreReadableAsync(cluster.Api, cluster.Fronts, everything);
        var rosters = new List<RosterView>();
        foreach (var target in targets.Concat(earlyTargets).DistinctBy(t => (t.OfficeId, t.Date)).Concat(probeTargets))
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
