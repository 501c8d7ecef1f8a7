using Scheduler.Contracts;
using Scheduler.Grains.Grains;
using Scheduler.Storage;

namespace Scheduler.Grains.Tests;

/// <summary>
/// A booking's claim and seat commit in one transaction; an activation that dies between the steps of a
/// booking or a move must leave neither a lost booking nor a second seat, and the next request must repair it.
/// </summary>
[Collection(SchedulerClusterCollection.Name)]
public sealed class CrashPointTests(SchedulerCluster fixture)
{
    private static readonly TimeOnly Eight = new(8, 0);

    [Fact]
    public async Task A_transaction_that_fails_before_commit_stores_neither_claim_nor_seat_and_a_retry_books_once()
    {
        var date = SchedulerCluster.Today.AddDays(30);
        var person = SchedulerCluster.Person(80_001);
        fixture.Faults.Arm(SeatJournal.BeforeCommit, new DayKey(SchedulerCluster.Office, SchedulerCluster.Procedure, date).ToString());

        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight), "crash-commit"));
        var afterFailure = await Eventually(() => fixture.Day(SchedulerCluster.Office, date).GetRoster());
        Assert.DoesNotContain(afterFailure.Appointments, a => a.Applicant.Identity == person.Identity);

        // No claim was left behind either: elsewhere, without the key, the same person books (a stored claim would refuse it).
        var elsewhere = await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight, SchedulerCluster.OtherOffice), null);
        var retry = await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight), "crash-commit");

        Assert.Equal(BookingResult.Booked, elsewhere.Result);
        Assert.Equal(BookingResult.AlreadyBooked, retry.Result);
        Assert.DoesNotContain((await fixture.Day(SchedulerCluster.Office, date).GetRoster()).Appointments, a => a.Applicant.Identity == person.Identity);
    }

    /// <summary>A day that failed a commit rebuilds itself from the journal; calls meanwhile may fail and are retried.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task Dying_after_the_seat_but_before_the_answer_keeps_the_seat_and_a_retry_gets_it()
    {
        var date = SchedulerCluster.Today.AddDays(31);
        var person = SchedulerCluster.Person(80_002);
        fixture.Faults.Arm(ApplicantGrain.AfterSeat, SchedulerCluster.Keys.Of(person.Identity.DocumentNumber));

        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight), "crash-seat"));
        var seat = Assert.Single((await fixture.Day(SchedulerCluster.Office, date).GetRoster()).Appointments, a => a.IsActive && a.Applicant.Identity == person.Identity);

        var replay = await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight), "crash-seat");
        var withoutKey = await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date.AddDays(1), Eight), null);

        Assert.Equal(BookingResult.Booked, replay.Result);
        Assert.Equal(seat.Code, replay.Appointment!.Code);
        Assert.Equal(BookingResult.AlreadyBooked, withoutKey.Result);
        Assert.Equal(seat.Code, withoutKey.ExistingCode);
        Assert.DoesNotContain((await fixture.Day(SchedulerCluster.Office, date.AddDays(1)).GetRoster()).Appointments, a => a.Applicant.Identity == person.Identity);
    }

    [Fact]
    public async Task Dying_between_taking_the_new_seat_and_releasing_the_old_one_is_completed_on_the_next_request()
    {
        var date = SchedulerCluster.Today.AddDays(32);
        var person = SchedulerCluster.Person(80_003);
        var booked = (await fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight), null)).Appointment!;
        fixture.Faults.Arm(ApplicantGrain.AfterNewSeat, SchedulerCluster.Keys.Of(person.Identity.DocumentNumber));

        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Applicant(person).Reschedule(
            new RescheduleCommand(booked.Code, SchedulerCluster.OtherOffice, date, Eight), null));
        var read = await fixture.Applicant(person).Find(booked.Code);

        Assert.NotNull(read);
        Assert.Equal(SchedulerCluster.OtherOffice, read.OfficeId);
        Assert.DoesNotContain((await fixture.Day(SchedulerCluster.Office, date).GetRoster()).Appointments, a => a.Code == booked.Code);
        Assert.Single((await fixture.Day(SchedulerCluster.OtherOffice, date).GetRoster()).Appointments, a => a.IsActive && a.Code == booked.Code);
    }
}
