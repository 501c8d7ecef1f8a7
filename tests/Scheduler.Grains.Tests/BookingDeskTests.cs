using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts;
using Scheduler.Grains.Hosting;
using Scheduler.Grains.Telemetry;

namespace Scheduler.Grains.Tests;

/// <summary>
/// The front door's booking path: straight to the day for a person who holds nothing, through the applicant grain only
/// when something is held. Hammered concurrently against the two-silo test cluster, like the applicant's own path.
/// </summary>
[Collection(SchedulerClusterCollection.Name)]
public sealed class BookingDeskTests(SchedulerCluster fixture)
{
    private static readonly TimeOnly Eight = new(8, 0);
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private BookingDesk NewDesk() => new(fixture.Client, SchedulerCluster.Keys, new RefusalMemory(TimeProvider.System), new SchedulerMetrics(Meters));

    [Fact]
    public async Task Two_thousand_people_booking_forty_seats_through_the_desk_get_exactly_forty()
    {
        var date = SchedulerCluster.Today.AddDays(17);
        var desk = NewDesk();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i =>
        {
            var person = SchedulerCluster.Person(500_000 + i);
            return desk.BookAsync(SchedulerCluster.Book(person, date, Eight), $"desk-surge-{i}");
        }));

        Assert.Equal(40, outcomes.Count(o => o.Result == BookingResult.Booked));
        Assert.Equal(1960, outcomes.Count(o => o.Result == BookingResult.SlotFull));
        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        var active = roster.Appointments.Where(a => a.IsActive).ToArray();
        Assert.Equal(
            outcomes.Where(o => o.Result == BookingResult.Booked).Select(o => o.Appointment!.Code).Order(),
            active.Select(a => a.Code).Order());
        Assert.Equal(0, roster.Slots.Single(s => s.Start == Eight).Free);
    }

    [Fact]
    public async Task One_person_booking_fifty_times_at_once_through_the_desk_holds_one_appointment()
    {
        var date = SchedulerCluster.Today.AddDays(33);
        var person = SchedulerCluster.Person(510_000);
        var desk = NewDesk();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            desk.BookAsync(SchedulerCluster.Book(person, date.AddDays(i % 3)), i % 2 == 0 ? null : $"desk-same-{i}")));

        await fixture.AssertExactlyOneBookingAsync(outcomes, person, date, days: 3);
    }

    [Fact]
    public async Task Retries_of_a_desk_booking_with_its_key_get_the_first_booking_and_the_key_reused_elsewhere_is_refused()
    {
        var date = SchedulerCluster.Today.AddDays(36);
        var person = SchedulerCluster.Person(520_000);
        var command = SchedulerCluster.Book(person, date, Eight);

        var first = await NewDesk().BookAsync(command, "desk-key-1");
        // Each retry at a front door of its own (nothing remembered there): the day and the claims table answer.
        var replays = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => NewDesk().BookAsync(command, "desk-key-1")));
        var reused = await NewDesk().BookAsync(command with { Start = new TimeOnly(8, 20) }, "desk-key-1");
        var reusedElsewhere = await NewDesk().BookAsync(command with { Date = date.AddDays(1) }, "desk-key-1");

        Assert.Equal(BookingResult.Booked, first.Result);
        Assert.All(replays, r => Assert.Equal((BookingResult.Booked, first.Appointment!.Code), (r.Result, r.Appointment?.Code)));
        Assert.Equal(BookingResult.IdempotencyKeyReused, reused.Result);
        Assert.Equal(BookingResult.IdempotencyKeyReused, reusedElsewhere.Result);
        var rosters = await Task.WhenAll(fixture.Day(SchedulerCluster.Office, date).GetRoster(), fixture.Day(SchedulerCluster.Office, date.AddDays(1)).GetRoster());
        Assert.Single(rosters.SelectMany(r => r.Appointments), a => a.IsActive && a.Applicant.Identity == person.Identity);
    }

    [Fact]
    public async Task An_applicant_grain_already_in_memory_finds_cancels_and_moves_what_the_desk_booked()
    {
        var date = SchedulerCluster.Today.AddDays(38);
        var person = SchedulerCluster.Person(530_000);
        var applicant = fixture.Applicant(person);
        var desk = NewDesk();

        // The applicant grain is in memory and has read its claims: one booking, then its cancellation.
        var before = await applicant.Book(SchedulerCluster.Book(person, date, Eight), null);
        Assert.True(await applicant.Cancel(before.Appointment!.Code));
        var booked = await desk.BookAsync(SchedulerCluster.Book(person, date, new TimeOnly(8, 20)), null);
        var found = await applicant.Find(booked.Appointment!.Code);
        var again = await applicant.Book(SchedulerCluster.Book(person, date.AddDays(1)), null);
        var moved = await applicant.Reschedule(new RescheduleCommand(booked.Appointment.Code, SchedulerCluster.Office, date, new TimeOnly(8, 40)), null);
        var cancelled = await applicant.Cancel(booked.Appointment.Code);
        var afterCancel = await desk.BookAsync(SchedulerCluster.Book(person, date.AddDays(1)), null);

        Assert.Equal(BookingResult.Booked, booked.Result);
        Assert.Equal(booked.Appointment.Code, found?.Code);
        Assert.Equal(BookingResult.AlreadyBooked, again.Result);
        Assert.Equal((BookingResult.Booked, new TimeOnly(8, 40)), (moved.Result, moved.Appointment?.Start));
        Assert.True(cancelled);
        Assert.Equal(BookingResult.Booked, afterCancel.Result);
    }

    [Fact]
    public async Task A_refusal_at_the_desk_replays_as_refused_after_a_seat_frees_up_and_its_key_cannot_book_elsewhere()
    {
        var date = SchedulerCluster.Today.AddDays(39);
        var desk = NewDesk();
        var holders = new[] { SchedulerCluster.Person(540_001), SchedulerCluster.Person(540_002) };
        var codes = new List<string>();
        foreach (var holder in holders)
        {
            codes.Add((await desk.BookAsync(SchedulerCluster.Book(holder, date, Eight, SchedulerCluster.OtherOffice), null)).Appointment!.Code);
        }

        var late = SchedulerCluster.Person(540_003);
        var command = SchedulerCluster.Book(late, date, Eight, SchedulerCluster.OtherOffice);
        var refused = await desk.BookAsync(command, "desk-late");
        Assert.True(await fixture.Applicant(holders[0]).Cancel(codes[0]));
        var replay = await desk.BookAsync(command, "desk-late");
        var otherBooking = await desk.BookAsync(command with { Start = new TimeOnly(8, 20) }, "desk-late");
        var fresh = await desk.BookAsync(command, "desk-late-2");

        Assert.Equal(BookingResult.SlotFull, refused.Result);
        Assert.Equal(BookingResult.SlotFull, replay.Result);
        Assert.Equal(BookingResult.IdempotencyKeyReused, otherBooking.Result);
        Assert.Equal(BookingResult.Booked, fresh.Result);
    }
}
