using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

[Collection(SchedulerClusterCollection.Name)]
public sealed class RescheduleTests(SchedulerCluster fixture)
{
    private static readonly TimeOnly Eight = new(8, 0);
    private static readonly TimeOnly EightTwenty = new(8, 20);

    [Fact]
    public async Task Rescheduling_into_a_full_slot_keeps_the_old_appointment()
    {
        var date = SchedulerCluster.Today.AddDays(11);
        var fillers = new[] { SchedulerCluster.Person(50_001), SchedulerCluster.Person(50_002) };
        foreach (var filler in fillers)
        {
            Assert.Equal(BookingResult.Booked, (await fixture.Applicant(filler).Book(SchedulerCluster.Book(filler, date, Eight, SchedulerCluster.OtherOffice), null)).Result);
        }

        var mover = SchedulerCluster.Person(50_003);
        var original = (await fixture.Applicant(mover).Book(SchedulerCluster.Book(mover, date, EightTwenty), null)).Appointment!;

        var outcome = await fixture.Applicant(mover).Reschedule(new RescheduleCommand(original.Code, SchedulerCluster.OtherOffice, date, Eight), null);

        Assert.Equal(BookingResult.SlotFull, outcome.Result);
        var still = await fixture.Applicant(mover).Find(original.Code);
        Assert.Equal(Where(original), Where(still!));
        Assert.Equal(original.History, still!.History);
        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        Assert.Contains(roster.Appointments, a => a.Code == original.Code && a.IsActive);
    }

    [Fact]
    public async Task Rescheduling_to_another_office_keeps_the_code_takes_the_new_seat_and_frees_the_old_one()
    {
        var date = SchedulerCluster.Today.AddDays(12);
        var mover = SchedulerCluster.Person(51_001);
        var original = (await fixture.Applicant(mover).Book(SchedulerCluster.Book(mover, date, Eight), null)).Appointment!;

        var outcome = await fixture.Applicant(mover).Reschedule(new RescheduleCommand(original.Code, SchedulerCluster.OtherOffice, date.AddDays(1), EightTwenty), null);

        Assert.Equal(BookingResult.Booked, outcome.Result);
        Assert.Equal(original.Code, outcome.Appointment!.Code);
        Assert.Equal(SchedulerCluster.OtherOffice, outcome.Appointment.OfficeId);
        Assert.Equal(["booked", "moved"], outcome.Appointment.History.Select(h => h.Action));
        Assert.Equal(Where(outcome.Appointment), Where((await fixture.Applicant(mover).Find(original.Code))!));
        var oldDay = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        Assert.DoesNotContain(oldDay.Appointments, a => a.Code == original.Code);
        Assert.Equal(40, oldDay.Slots.Single(s => s.Start == Eight).Free);
    }

    [Fact]
    public async Task Rescheduling_within_a_day_moves_the_seat_in_one_step()
    {
        var date = SchedulerCluster.Today.AddDays(13);
        var mover = SchedulerCluster.Person(52_001);
        var original = (await fixture.Applicant(mover).Book(SchedulerCluster.Book(mover, date, Eight), null)).Appointment!;

        var outcome = await fixture.Applicant(mover).Reschedule(new RescheduleCommand(original.Code, SchedulerCluster.Office, date, EightTwenty), null);

        Assert.Equal(EightTwenty, outcome.Appointment!.Start);
        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        Assert.Equal(40, roster.Slots.Single(s => s.Start == Eight).Free);
        Assert.Equal(39, roster.Slots.Single(s => s.Start == EightTwenty).Free);
    }

    [Fact]
    public async Task Cancelling_frees_the_seat_is_harmless_to_repeat_and_another_applicant_cannot_cancel()
    {
        var date = SchedulerCluster.Today.AddDays(14);
        var owner = SchedulerCluster.Person(53_001);
        var stranger = SchedulerCluster.Person(53_002);
        var booked = (await fixture.Applicant(owner).Book(SchedulerCluster.Book(owner, date, Eight), null)).Appointment!;

        Assert.False(await fixture.Applicant(stranger).Cancel(booked.Code));
        Assert.Null(await fixture.Applicant(stranger).Find(booked.Code));
        Assert.True(await fixture.Applicant(owner).Cancel(booked.Code));
        Assert.True(await fixture.Applicant(owner).Cancel(booked.Code));

        var cancelled = await fixture.Applicant(owner).Find(booked.Code);
        Assert.Equal(AppointmentStatus.Cancelled, cancelled!.Status);
        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        Assert.Equal(40, roster.Slots.Single(s => s.Start == Eight).Free);
        var again = await fixture.Applicant(owner).Book(SchedulerCluster.Book(owner, date, Eight), null);
        Assert.Equal(BookingResult.Booked, again.Result);
    }

    private static (string Code, AppointmentStatus Status, string OfficeId, DateOnly Date, TimeOnly Start) Where(Appointment a) =>
        (a.Code, a.Status, a.OfficeId, a.Date, a.Start);
}
