using Scheduler.Contracts;
using Scheduler.Grains.Grains;

namespace Scheduler.Grains.Tests;

[Collection(SchedulerClusterCollection.Name)]
public sealed class OperatorTests(SchedulerCluster fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeOnly Eight = new(8, 0);

    [Fact]
    public async Task Closing_a_day_during_a_booking_surge_relocates_or_reports_everyone_and_overbooks_nothing()
    {
        var date = SchedulerCluster.Today.AddDays(40);
        var surge = Enumerable.Range(0, 300).Select(async i =>
        {
            var person = SchedulerCluster.Person(70_000 + i);
            await Task.Delay(i * 2);
            return await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date), null);
        }).ToArray();

        // Close the day mid-surge: once some seats are taken and while requests keep arriving.
        await Eventually(async () => (await fixture.Day(SchedulerCluster.Office, date).GetRoster()).Appointments.Count(a => a.IsActive) >= 20 ? "ok" : null);
        var closure = await fixture.Client.GetGrain<IOfficeGrain>(SchedulerCluster.Office).ChangeCapacity(new CapacityChange(
            [new CapacityRule(SchedulerCluster.Procedure, date, date, [], null, 0)], "operator:test", "strike", Relocate: true, RadiusKm: 50, SearchDays: 3));
        var outcomes = await Task.WhenAll(surge);

        Assert.True(closure.Applied);
        var booked = outcomes.Where(o => o.Result == BookingResult.Booked).Select(o => o.Appointment!).ToArray();
        Assert.NotEmpty(closure.Relocated);
        var moved = closure.Relocated.Select(r => r.To.Code).ToHashSet();
        var reported = closure.Unplaced.Select(a => a.Code).ToHashSet();
        output.WriteLine($"booked {booked.Length}, full {outcomes.Count(o => o.Result == BookingResult.SlotFull)}, relocated {moved.Count}, reported {reported.Count}");

        // Nothing lost: every acknowledged booking can still be read, and each is either where it was
        // booked (if it did not sit on the closed day), relocated, or reported.
        foreach (var appointment in booked)
        {
            var now = await fixture.Applicant(appointment.Applicant).Find(appointment.Code);
            Assert.NotNull(now);
            Assert.True(now.IsActive);
            if (now.OfficeId == SchedulerCluster.Office && now.Date == date)
            {
                Assert.Contains(appointment.Code, reported);
            }
        }

        Assert.All(closure.Relocated, r =>
        {
            Assert.Equal(r.From.Code, r.To.Code);
            Assert.Equal("relocated", r.To.History[^1].Action);
        });

        var closedDay = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        Assert.Equal(reported.Count, closedDay.Appointments.Count(a => a.IsActive));
        await AssertNoSlotOverCapacity(SchedulerCluster.Office, date, 4);
        await AssertNoSlotOverCapacity(SchedulerCluster.OtherOffice, date, 4);
        Assert.Equal(booked.Length, booked.Count(b => moved.Contains(b.Code) || reported.Contains(b.Code)));
    }

    [Fact]
    public async Task Cutting_counters_below_what_is_booked_moves_the_latest_bookings_and_keeps_everyone_seated()
    {
        var date = SchedulerCluster.Today.AddDays(21);
        var people = Enumerable.Range(0, 10).Select(i => SchedulerCluster.Person(71_000 + i)).ToArray();
        foreach (var person in people)
        {
            Assert.Equal(BookingResult.Booked, (await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight), null)).Result);
        }

        var result = await fixture.Client.GetGrain<IOfficeGrain>(SchedulerCluster.Office).ChangeCapacity(new CapacityChange(
            [new CapacityRule(SchedulerCluster.Procedure, date, date, [], null, 6)], "operator:test", "staff sick", Relocate: true));

        Assert.True(result.Applied);
        Assert.Equal(4, result.Relocated.Count);
        Assert.Empty(result.Unplaced);
        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        Assert.Equal(6, roster.Appointments.Count(a => a.IsActive && a.Start == Eight));
        Assert.All(result.Relocated, r => Assert.Equal(new TimeOnly(8, 20), r.To.Start));
        await AssertNoSlotOverCapacity(SchedulerCluster.Office, date, 0);
    }

    [Fact]
    public async Task A_cut_with_relocate_false_that_would_displace_anyone_is_refused_and_changes_nothing()
    {
        var date = SchedulerCluster.Today.AddDays(22);
        var person = SchedulerCluster.Person(72_000);
        var booked = (await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight, SchedulerCluster.OtherOffice), null)).Appointment!;

        var result = await fixture.Client.GetGrain<IOfficeGrain>(SchedulerCluster.OtherOffice).ChangeCapacity(new CapacityChange(
            [new CapacityRule(SchedulerCluster.Procedure, date, date, [], null, 0)], "operator:test", null, Relocate: false));

        Assert.False(result.Applied);
        Assert.Equal(booked.Code, Assert.Single(result.Displaced).Code);
        var availability = await fixture.Day(SchedulerCluster.OtherOffice, date).GetAvailability();
        Assert.Equal(2, availability.Slots.Single(s => s.Start == Eight).Capacity);
        Assert.Equal(2, availability.Slots.Single(s => s.Start == new TimeOnly(8, 20)).Free);
    }

    [Fact]
    public async Task A_capacity_change_left_half_way_is_finished_by_its_reminder_without_a_retry_and_a_retry_then_answers_that_result()
    {
        // Days of the far office that no other test of this cluster uses (the waitlist test fills day 26).
        var first = SchedulerCluster.Today.AddDays(27);
        var last = SchedulerCluster.Today.AddDays(55);
        var id = "change-" + Guid.NewGuid().ToString("N");
        var request = new OperatorChangeRequest(SchedulerCluster.FarOffice, "capacity-changed",
            new CapacityChange([new CapacityRule(SchedulerCluster.Procedure, first, last, [], null, 5)], "operator:test", "more staff", Relocate: true),
            "cpp-biometrics: 5 counters", "more staff");
        fixture.Faults.Arm(OfficeGrain.BetweenDays, id);

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.GetGrain<IOperatorChangeGrain>(id).Run(request));
        var halfWay = await FarCapacitiesAsync(first, last);
        Assert.Contains(5, halfWay);
        Assert.Contains(3, halfWay);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await FarCapacitiesAsync(first, last)).Any(c => c != 5) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(250);
        }

        Assert.All(await FarCapacitiesAsync(first, last), c => Assert.Equal(5, c));
        var retried = await fixture.Client.GetGrain<IOperatorChangeGrain>(id).Run(request);
        Assert.True(retried.Replayed);
        Assert.Equal(29, retried.Result!.ChangedDays.Count);
    }

    [Theory]
    [InlineData(CapacityTransferGrain.BetweenOffices)]
    [InlineData(CapacityTransferGrain.BeforeCommit)]
    public async Task A_transfer_that_fails_between_the_two_offices_leaves_both_unchanged_and_a_retry_with_its_id_completes_it(string point)
    {
        var date = SchedulerCluster.Today.AddDays(23);
        var id = "transfer-" + Guid.NewGuid().ToString("N");
        fixture.Faults.Arm(point, id);
        var before = await Capacities(date);
        var request = new TransferRequest(SchedulerCluster.Procedure, SchedulerCluster.Office, SchedulerCluster.OtherOffice, date, date, 10, "operator:test", "test");

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Client.GetGrain<ICapacityTransferGrain>(id).Execute(request));

        Assert.Equal(before, await Capacities(date));
        Assert.Equal(TransferStatus.Aborted, await fixture.Client.GetGrain<ICapacityTransferGrain>(id).Resolve());

        var retried = await fixture.Client.GetGrain<ICapacityTransferGrain>(id).Execute(request);
        Assert.Equal(TransferStatus.Committed, retried.Status);
        Assert.False(retried.Replayed);
        Assert.Equal((before.Office - 10, before.Other + 10), await Capacities(date));
    }

    [Fact]
    public async Task A_transfer_moves_counters_from_one_office_to_the_other_exactly_once()
    {
        var date = SchedulerCluster.Today.AddDays(24);
        var id = "transfer-" + Guid.NewGuid().ToString("N");
        var request = new TransferRequest(SchedulerCluster.Procedure, SchedulerCluster.Office, SchedulerCluster.OtherOffice, date, date, 10, "operator:test", null);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fixture.Client.GetGrain<ICapacityTransferGrain>(id).Execute(request)));

        Assert.All(results, r => Assert.Equal(TransferStatus.Committed, r.Status));
        Assert.Equal((30, 12), await Capacities(date));
    }

    [Fact]
    public async Task A_transfer_that_would_displace_booked_appointments_is_refused_and_changes_nothing()
    {
        var date = SchedulerCluster.Today.AddDays(25);
        var people = Enumerable.Range(0, 2).Select(i => SchedulerCluster.Person(73_000 + i)).ToArray();
        foreach (var person in people)
        {
            await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight, SchedulerCluster.OtherOffice), null);
        }

        var result = await fixture.Client.GetGrain<ICapacityTransferGrain>("transfer-" + Guid.NewGuid().ToString("N")).Execute(new TransferRequest(
            SchedulerCluster.Procedure, SchedulerCluster.OtherOffice, SchedulerCluster.Office, date, date, 1, "operator:test", null));

        Assert.Equal(TransferStatus.Aborted, result.Status);
        Assert.Single(result.Displaced);
        Assert.Equal((40, 2), await Capacities(date));
    }

    [Fact]
    public async Task Waitlisted_applicants_are_booked_in_arrival_order_when_seats_appear()
    {
        var date = SchedulerCluster.Today.AddDays(26);
        var holders = Enumerable.Range(0, 9).Select(i => SchedulerCluster.Person(74_000 + i)).ToArray();
        var codes = new List<string>();
        foreach (var holder in holders)
        {
            codes.Add((await fixture.Applicant(holder).Book(SchedulerCluster.Book(holder, date, null, SchedulerCluster.FarOffice), null)).Appointment!.Code);
        }

        var queue = Enumerable.Range(0, 3).Select(i => SchedulerCluster.Person(74_100 + i)).ToArray();
        var waitlist = fixture.Client.GetGrain<IWaitlistGrain>(SchedulerCluster.Procedure);
        var ids = new List<string>();
        foreach (var person in queue)
        {
            var entry = new WaitlistEntry($"W-{Guid.NewGuid():N}", 0, person, SchedulerCluster.Procedure, -16.40, -71.53, 10, date, date, DateTimeOffset.UtcNow, WaitlistStatus.Waiting);
            Assert.Equal(WaitlistJoinResult.Joined, (await fixture.Applicant(person).JoinWaitlist(entry)).Result);
            var view = await waitlist.Join(entry);
            Assert.Equal(WaitlistStatus.Waiting, view.Entry.Status);
            ids.Add(entry.Id);
        }

        Assert.Equal([1, 2, 3], (await Task.WhenAll(ids.Select(id => waitlist.Get(id)))).Select(v => v!.Position ?? 0));

        // The third in line books by hand elsewhere: they leave the waitlist.
        Assert.Equal(BookingResult.Booked, (await fixture.Applicant(queue[2]).Book(SchedulerCluster.Book(queue[2], date.AddDays(1), null, SchedulerCluster.Office), null)).Result);

        // Two seats free up: the first two in line get them, in order.
        await fixture.Applicant(holders[0]).Cancel(codes[0]);
        await fixture.Applicant(holders[1]).Cancel(codes[1]);

        WaitlistView?[] last = [];
        var views = await Eventually(async () =>
        {
            last = await Task.WhenAll(ids.Select(id => waitlist.Get(id)));
            return last.All(v => v!.Entry.Status != WaitlistStatus.Waiting) ? last : null;
        }, () => string.Join("; ", last.Select(v => $"{v!.Entry.Status} {v.Entry.Note}")));
        Assert.Equal(WaitlistStatus.Booked, views[0]!.Entry.Status);
        Assert.Equal(WaitlistStatus.Booked, views[1]!.Entry.Status);
        Assert.Equal(WaitlistStatus.Left, views[2]!.Entry.Status);
        var first = await fixture.Applicant(queue[0]).Find(views[0]!.Entry.Code!);
        Assert.Equal(SchedulerCluster.FarOffice, first!.OfficeId);
        var roster = await fixture.Day(SchedulerCluster.FarOffice, date).GetRoster();
        Assert.Single(roster.Appointments, a => a.IsActive && a.Applicant.Identity == queue[0].Identity);
        Assert.DoesNotContain(roster.Appointments, a => a.IsActive && a.Applicant.Identity == queue[2].Identity);
        foreach (var slot in roster.Slots)
        {
            Assert.InRange(roster.Appointments.Count(a => a.IsActive && a.Start == slot.Start), 0, slot.Capacity);
        }
    }

    /// <summary>The first slot's capacity on every day of [first, last] at the far office, as its days hold it.</summary>
    private async Task<int[]> FarCapacitiesAsync(DateOnly first, DateOnly last) =>
        await Task.WhenAll(Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .Select(async i => (await fixture.Day(SchedulerCluster.FarOffice, first.AddDays(i)).GetAvailability()).Slots[0].Capacity));

    private async Task<(int Office, int Other)> Capacities(DateOnly date)
    {
        var office = await fixture.Day(SchedulerCluster.Office, date).GetAvailability();
        var other = await fixture.Day(SchedulerCluster.OtherOffice, date).GetAvailability();
        return (office.Slots[0].Capacity, other.Slots[0].Capacity);
    }

    private async Task AssertNoSlotOverCapacity(string office, DateOnly from, int days)
    {
        for (var date = from; date <= from.AddDays(days); date = date.AddDays(1))
        {
            var roster = await fixture.Day(office, date).GetRoster();
            foreach (var slot in roster.Slots)
            {
                Assert.InRange(roster.Appointments.Count(a => a.IsActive && a.Start == slot.Start), 0, slot.Capacity);
            }
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, Func<string>? describe = null) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition was not met within 20 s." + (describe is null ? string.Empty : " Last seen: " + describe()));
            }

            await Task.Delay(100);
        }
    }
}
