using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

[Collection(SchedulerClusterCollection.Name)]
public sealed class BookingConcurrencyTests(SchedulerCluster fixture)
{
    private static readonly TimeOnly Eight = new(8, 0);

    [Fact]
    public async Task Two_thousand_concurrent_attempts_on_forty_seats_give_exactly_forty_bookings()
    {
        var date = SchedulerCluster.Today.AddDays(7);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i =>
        {
            var person = SchedulerCluster.Person(10_000 + i);
            return fixture.Applicant(person).Book(SchedulerCluster.Book(person, date, Eight), $"surge-{i}");
        }));

        Assert.Equal(40, outcomes.Count(o => o.Result == BookingResult.Booked));
        Assert.Equal(1960, outcomes.Count(o => o.Result == BookingResult.SlotFull));
        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        var active = roster.Appointments.Where(a => a.IsActive).ToArray();
        Assert.Equal(40, active.Length);
        Assert.All(active, a => Assert.Equal(Eight, a.Start));
        Assert.Equal(
            outcomes.Where(o => o.Result == BookingResult.Booked).Select(o => o.Appointment!.Code).Order(),
            active.Select(a => a.Code).Order());
        Assert.Equal(0, roster.Slots.Single(s => s.Start == Eight).Free);
    }

    [Fact]
    public async Task One_applicant_booking_the_same_procedure_fifty_times_concurrently_ends_with_one_appointment()
    {
        var date = SchedulerCluster.Today.AddDays(8);
        var person = SchedulerCluster.Person(20_000);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            fixture.Applicant(person).Book(SchedulerCluster.Book(person, date.AddDays(i % 3)), i % 2 == 0 ? null : $"same-{i}")));

        await fixture.AssertExactlyOneBookingAsync(outcomes, person, date, days: 3);
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_returns_the_first_outcome_and_never_books_twice()
    {
        var date = SchedulerCluster.Today.AddDays(9);
        var person = SchedulerCluster.Person(30_000);
        var command = SchedulerCluster.Book(person, date, Eight);

        var first = await fixture.Applicant(person).Book(command, "key-1");
        var replays = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.Applicant(person).Book(command, "key-1")));

        Assert.Equal(BookingResult.Booked, first.Result);
        Assert.All(replays, r =>
        {
            Assert.Equal(BookingResult.Booked, r.Result);
            Assert.Equal(first.Appointment!.Code, r.Appointment!.Code);
        });
        var reused = await fixture.Applicant(person).Book(command with { Start = new TimeOnly(8, 20) }, "key-1");
        Assert.Equal(BookingResult.IdempotencyKeyReused, reused.Result);
        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        Assert.Single(roster.Appointments, a => a.Applicant.Identity == person.Identity);
    }

    [Fact]
    public async Task A_new_applicant_leaves_memory_once_booked_and_a_retry_with_its_key_still_gets_that_booking()
    {
        var date = SchedulerCluster.Today.AddDays(16);
        var person = SchedulerCluster.Person(35_000);
        var command = SchedulerCluster.Book(person, date, Eight);
        var applicant = fixture.Applicant(person);
        var management = fixture.Client.GetGrain<IManagementGrain>(0);

        var first = await applicant.Book(command, "gone-1");

        Assert.Equal(BookingResult.Booked, first.Result);
        var gone = await WaitlistScenes.EventuallyAsync(async () =>
            (await management.GetDetailedGrainStatistics()).Any(a => a.GrainId == applicant.GetGrainId()) ? null : "gone");
        Assert.Equal("gone", gone);
        var retry = await applicant.Book(command, "gone-1");
        Assert.Equal((BookingResult.Booked, first.Appointment!.Code), (retry.Result, retry.Appointment?.Code));
        var again = await applicant.Book(command, "gone-2");
        Assert.Equal(BookingResult.AlreadyBooked, again.Result);
        var roster = await fixture.Day(SchedulerCluster.Office, date).GetRoster();
        Assert.Single(roster.Appointments, a => a.Applicant.Identity == person.Identity);
    }

    [Fact]
    public async Task A_refused_first_attempt_replays_as_refused_even_after_a_seat_frees_up()
    {
        var date = SchedulerCluster.Today.AddDays(10);
        var holders = new[] { SchedulerCluster.Person(40_001), SchedulerCluster.Person(40_002) };
        var codes = new List<string>();
        foreach (var holder in holders)
        {
            var outcome = await fixture.Applicant(holder).Book(SchedulerCluster.Book(holder, date, Eight, SchedulerCluster.OtherOffice), null);
            codes.Add(outcome.Appointment!.Code);
        }

        var late = SchedulerCluster.Person(40_003);
        var command = SchedulerCluster.Book(late, date, Eight, SchedulerCluster.OtherOffice);
        var refused = await fixture.Applicant(late).Book(command, "late-key");
        Assert.True(await fixture.Applicant(holders[0]).Cancel(codes[0]));
        var replay = await fixture.Applicant(late).Book(command, "late-key");
        var fresh = await fixture.Applicant(late).Book(command, "late-key-2");

        Assert.Equal(BookingResult.SlotFull, refused.Result);
        Assert.Equal(BookingResult.SlotFull, replay.Result);
        Assert.Equal(BookingResult.Booked, fresh.Result);
    }
}
