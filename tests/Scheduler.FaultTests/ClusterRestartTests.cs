using System.Diagnostics;

namespace Scheduler.FaultTests;

/// <summary>The whole cluster stopped (<c>down --keep-db</c>) and started again (<c>up</c>).</summary>
[Collection(ScriptedClusterCollection.Name)]
public sealed class ClusterRestartTests(ScriptedCluster cluster, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task After_a_full_cluster_restart_every_booking_reads_back_and_availability_still_counts_it()
    {
        await cluster.StartAsync();
        await cluster.EnsureWholeAsync();
        var day = (await cluster.TakeFreeWeekdaysAsync(1))[0];
        var targets = new[]
        {
            new BookingTarget("lim-sjl", day), new BookingTarget("lim-sjl", day, "10:00"),
            new BookingTarget("lim-brena", day), new BookingTarget("lim-brena", day, "10:00"),
        };
        var clock = Stopwatch.StartNew();
        var attempts = await BookingSurge.RunAsync(
            cluster.Api, cluster.Fronts, BookingSurge.Plan(series: 301, count: 240, targets), TimeSpan.FromSeconds(4), clock, TimeSpan.FromSeconds(60));
        output.WriteLine(AttemptSummary.Describe("before the restart", attempts.ToArray()));
        Assert.All(attempts, a => Assert.True(a.Status == 201 || a is { Status: 409, ProblemType: "slot-full" }, a.ToString()));
        var offices = targets.Select(t => t.OfficeId).Distinct().ToArray();
        // Searches may lag a booking by a moment (the board is published after commits, and front doors cache it
        // for a second): compare the restart against the board once it has caught up with every booking.
        var before = await SettledAvailabilityAsync(offices, day, attempts);

        var restart = Stopwatch.StartNew();
        await cluster.RestartAsync();
        output.WriteLine($"down --keep-db and up took {restart.Elapsed.TotalSeconds:0.0} s");

        await InvariantChecks.AcknowledgedBookingsAreReadableAsync(cluster.Api, cluster.Fronts, attempts);
        var rosters = new List<RosterView>();
        foreach (var office in offices)
        {
            rosters.Add(await InvariantChecks.RosterHoldsAcknowledgedWithinCapacityAsync(cluster.Api, cluster.Fronts[1], office, day, attempts));
        }

        for (var i = 0; i < offices.Length; i++)
        {
            var after = await cluster.Api.GetAvailabilityAsync(cluster.Fronts[i % 2], offices[i], day, day);
            var slots = Assert.Single(after.Days).Slots;
            foreach (var slot in slots)
            {
                var booked = attempts.Count(a => a.Acknowledged && a.Booking.Target.OfficeId == offices[i] && a.Start == slot.Start);
                Assert.True(slot.Free == slot.Capacity - booked, $"{offices[i]} {slot.Start}: {slot.Free} free of {slot.Capacity} after the restart, {booked} booked");
            }

            var (was, now) = (before[i].Days.Single(), after.Days.Single());
            Assert.Equal((was.Capacity, was.Free), (now.Capacity, now.Free));
            Assert.Equal(was.Slots, now.Slots);
        }

        var stored = await cluster.ReadStoredDaysAsync(targets.Select(t => t.DayKey));
        InvariantChecks.StoredStateHoldsAcknowledgedWithinCapacity(stored, attempts, rosters);

        // Invariants 3 and 4 survive the restart too: a replay gets the same appointment, a new request none.
        var first = attempts.First(a => a.Acknowledged);
        var replay = await cluster.Api.BookAsync(cluster.Fronts[1], first.Booking, clock, TimeSpan.FromSeconds(30));
        Assert.Equal((201, first.Code), (replay.Status!.Value, replay.Code));
        var again = await cluster.Api.BookAsync(cluster.Fronts[0], first.Booking, clock, TimeSpan.FromSeconds(30), withIdempotencyKey: false);
        Assert.Equal((409, "already-booked"), (again.Status!.Value, again.ProblemType));
    }

    private async Task<AvailabilityView[]> SettledAvailabilityAsync(string[] offices, DateOnly day, IReadOnlyList<BookingAttempt> attempts)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var boards = await Task.WhenAll(offices.Select(o => cluster.Api.GetAvailabilityAsync(cluster.Fronts[0], o, day, day)));
            var settled = offices.Zip(boards).All(pair => pair.Second.Days.Single().Slots.All(slot =>
                slot.Free == slot.Capacity - attempts.Count(a => a.Acknowledged && a.Booking.Target.OfficeId == pair.First && a.Start == slot.Start)));
            if (settled || deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                return boards;
            }

            await Task.Delay(200);
        }
    }
}
