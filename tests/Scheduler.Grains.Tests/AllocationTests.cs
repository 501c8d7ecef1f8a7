using Scheduler.Contracts;
using Scheduler.Domain;

namespace Scheduler.Grains.Tests;

/// <summary>
/// Batch allocation on a two-silo cluster (its own): requests filed concurrently through applicant grains on both silos,
/// batches giving each seat once, replayable from their record, cancellations going to the next batch, an operator's
/// mode change refused while requests are open and carrying them over with force. Each test uses days of its own.
/// </summary>
public sealed class AllocationTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    private static int nextPerson = 700_000;

    private static ApplicantDetails NextPerson() => SchedulerCluster.Person(Interlocked.Increment(ref nextPerson));

    [Fact]
    public async Task Concurrent_requests_on_two_silos_get_each_seat_once_and_no_document_holds_two()
    {
        await fixture.BatchModeAsync();
        var date = SchedulerCluster.Today.AddDays(21);
        var people = Enumerable.Range(0, 30).Select(_ => NextPerson()).ToArray();

        // Everyone files at once, and each document twice (a double click): one live request per document.
        var filings = await Task.WhenAll(people.Concat(people).Select(p => fixture.FileAsync(p, date)));
        Assert.Equal(30, filings.Count(f => f.Result == RequestFileResult.Filed));
        Assert.Equal(30, filings.Count(f => f.Result == RequestFileResult.AlreadyRequested));
        Assert.All(filings.Where(f => f.Result != RequestFileResult.Filed), f => Assert.Null(f.Request));

        var batch = await fixture.Allocation().RunBatch("operator:test");

        var active = AllocationScenes.AssertSeatsOnce(await fixture.FarDayAsync(date));
        Assert.Equal(AllocationScenes.FarSeatsPerDay, active.Count);
        Assert.True(batch.Finished);
        var record = (await fixture.Allocation().GetBatch(batch.Id))!;
        var ours = filings.Where(f => f.Result == RequestFileResult.Filed).Select(f => f.Request!.Entry.Id).ToHashSet();
        Assert.Equal(active.Select(a => a.Code).Order(), record.Assigned.Where(a => ours.Contains(a.Key)).Select(a => a.Value).Order());
        foreach (var person in people)
        {
            var filed = filings.First(f => f.Result == RequestFileResult.Filed && f.Request!.Entry.Applicant.Identity == person.Identity).Request!;
            var view = (await fixture.Applicant(person).FindRequest(filed.Entry.Id))!;
            var seat = active.SingleOrDefault(a => a.Applicant.Identity == person.Identity);
            Assert.Equal(seat is null ? WaitlistStatus.Waiting : WaitlistStatus.Booked, view.Entry.Status);
            Assert.Equal(seat?.Code, view.Entry.Code);
        }
    }

    [Fact]
    public async Task A_batch_replayed_from_its_seed_and_recorded_inputs_gives_the_same_assignment()
    {
        await fixture.BatchModeAsync();
        var date = SchedulerCluster.Today.AddDays(22);
        var people = Enumerable.Range(0, 14).Select(_ => NextPerson()).ToArray();
        await Task.WhenAll(people.Select(p => fixture.FileAsync(p, date)));

        var batch = await fixture.Allocation().RunBatch("operator:test");
        var record = (await fixture.Allocation().GetBatch(batch.Id))!;

        var offices = await fixture.Client.GetGrain<ICatalogGrain>(0).GetOffices();
        var order = Lottery.Order(record.Seed, record.Requests);
        Assert.Equal(record.Order, order);
        Assert.Equal(record.Plan, Lottery.Plan(order, record.Requests, record.SeatsOffered, offices, record.Reserve));
        var roster = AllocationScenes.AssertSeatsOnce(await fixture.FarDayAsync(date)).ToDictionary(a => a.Code);
        var ours = record.Plan.Where(p => p.Date == date && p.OfficeId == SchedulerCluster.FarOffice).ToArray();
        Assert.Equal(AllocationScenes.FarSeatsPerDay, ours.Length);
        foreach (var seat in ours)
        {
            var appointment = roster[record.Assigned[seat.RequestId]];
            Assert.Equal((seat.OfficeId, seat.Date, seat.Start), (appointment.OfficeId, appointment.Date, appointment.Start));
        }
    }

    [Fact]
    public async Task A_seat_freed_by_a_cancellation_goes_to_the_next_batch()
    {
        await fixture.BatchModeAsync();
        var date = SchedulerCluster.Today.AddDays(23);
        var people = Enumerable.Range(0, 12).Select(_ => NextPerson()).ToArray();
        await Task.WhenAll(people.Select(p => fixture.FileAsync(p, date)));
        await fixture.Allocation().RunBatch("operator:test");
        var seated = AllocationScenes.AssertSeatsOnce(await fixture.FarDayAsync(date));
        Assert.Equal(AllocationScenes.FarSeatsPerDay, seated.Count);

        var leaving = seated[0];
        Assert.True(await fixture.Applicant(leaving.Applicant).Cancel(leaving.Code));
        await SeatsShownAsync(date, 1);
        var next = await fixture.Allocation().RunBatch("operator:test");

        var after = AllocationScenes.AssertSeatsOnce(await fixture.FarDayAsync(date));
        Assert.Equal(AllocationScenes.FarSeatsPerDay, after.Count);
        var newcomer = Assert.Single(after, a => seated.All(s => s.Code != a.Code));
        Assert.Contains(people, p => p.Identity == newcomer.Applicant.Identity);
        Assert.DoesNotContain(leaving.Applicant.Identity, after.Select(a => a.Applicant.Identity));
        Assert.True(next.Assigned >= 1);
    }

    [Fact]
    public async Task A_batch_with_no_requests_or_no_seats_is_recorded_and_changes_nothing()
    {
        // A procedure no office offers and nobody asked for: no requests, no seats.
        var empty = await fixture.Client.GetGrain<IAllocationGrain>("nobody-asks").RunBatch("operator:test");
        Assert.Equal((0, 0, 0, true), (empty.Requests, empty.SeatsOffered, empty.Assigned, empty.Finished));
        Assert.Equal(empty.Id, Assert.Single(await fixture.Client.GetGrain<IAllocationGrain>("nobody-asks").ListBatches(10)).Id);
        var emptyRecord = (await fixture.Client.GetGrain<IAllocationGrain>("nobody-asks").GetBatch(empty.Id))!;
        Assert.Equal((0, 0), (emptyRecord.Requests.Count, emptyRecord.Plan.Count));

        // Requests but no seats: the far office's day is full.
        await fixture.BatchModeAsync();
        var date = SchedulerCluster.Today.AddDays(24);
        await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => NextPerson()).Select(p => fixture.FileAsync(p, date)));
        await fixture.Allocation().RunBatch("operator:test");
        await SeatsShownAsync(date, 0);
        var late = NextPerson();
        var filed = (await fixture.FileAsync(late, date)).Request!;

        var noSeats = await fixture.Allocation().RunBatch("operator:test");

        var record = (await fixture.Allocation().GetBatch(noSeats.Id))!;
        Assert.Contains(record.Requests, r => r.RequestId == filed.Entry.Id);
        Assert.DoesNotContain(record.SeatsOffered, d => d.OfficeId == SchedulerCluster.FarOffice && d.Date == date);
        Assert.DoesNotContain(record.Plan, p => p.RequestId == filed.Entry.Id);
        Assert.Equal(WaitlistStatus.Waiting, (await fixture.Applicant(late).FindRequest(filed.Entry.Id))!.Entry.Status);
        Assert.Contains(await fixture.Allocation().ListBatches(100), b => b.Id == noSeats.Id && b.Finished);
    }

    [Fact]
    public async Task Parallel_identical_filings_with_one_idempotency_key_make_one_request()
    {
        await fixture.BatchModeAsync();
        var person = NextPerson();
        var date = SchedulerCluster.Today.AddDays(25);

        var filings = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.FileAsync(person, date, key: "same-key")));

        Assert.All(filings, f => Assert.Equal(RequestFileResult.Filed, f.Result));
        Assert.Single(filings.Select(f => f.Request!.Entry.Id).Distinct());
        var other = await fixture.FileAsync(person, date, key: "another-key");
        Assert.Equal((RequestFileResult.AlreadyRequested, (RequestView?)null), (other.Result, other.Request));
    }

    [Fact]
    public async Task Changing_mode_with_open_requests_is_refused_without_force_and_carries_them_over_with_it()
    {
        await fixture.BatchModeAsync();
        var date = SchedulerCluster.Today.AddDays(26);
        var people = Enumerable.Range(0, 12).Select(_ => NextPerson()).ToArray();
        var filed = (await Task.WhenAll(people.Select(p => fixture.FileAsync(p, date)))).Select(f => f.Request!.Entry).ToArray();
        var toFirstCome = new AllocationChange(AllocationActions.Mode, AllocationMode.FirstCome, null, false, false, null, false, null, "operator:test", "rehearsal over");

        var refused = await fixture.Allocation().Change(Guid.NewGuid().ToString("N"), toFirstCome);

        Assert.Equal(AllocationChangeResult.OpenRequests, refused.Result);
        Assert.True(refused.Open >= people.Length);
        Assert.Equal(AllocationMode.Batch, (await fixture.Allocation().GetSettings()).Mode);

        var forced = await fixture.Allocation().Change(Guid.NewGuid().ToString("N"), toFirstCome with { Force = true });

        Assert.Equal((AllocationChangeResult.Applied, AllocationMode.FirstCome), (forced.Result, forced.Settings.Mode));
        var seated = AllocationScenes.AssertSeatsOnce(await fixture.FarDayAsync(date));
        Assert.Equal(AllocationScenes.FarSeatsPerDay, seated.Count);
        var waitlist = fixture.Client.GetGrain<IWaitlistGrain>(SchedulerCluster.Procedure);
        foreach (var (person, request) in people.Zip(filed))
        {
            var view = (await fixture.Applicant(person).FindRequest(request.Id))!.Entry;
            if (seated.Any(a => a.Applicant.Identity == person.Identity))
            {
                Assert.Equal(WaitlistStatus.Booked, view.Status);
                continue;
            }

            // Not dropped: the request says where it went, and it waits there.
            Assert.Equal(WaitlistStatus.CarriedOver, view.Status);
            var entryId = "W-" + request.Id[2..];
            Assert.Contains(entryId, view.Note);
            var entry = (await waitlist.Get(entryId))!.Entry;
            Assert.Equal((WaitlistStatus.Waiting, request.JoinedAt, date), (entry.Status, entry.JoinedAt, entry.To));
        }

        // And back: the waiting entries become open requests again.
        var back = await fixture.Allocation().Change(Guid.NewGuid().ToString("N"), toFirstCome with { Mode = AllocationMode.Batch, Force = true });
        Assert.Equal(AllocationChangeResult.Applied, back.Result);
        Assert.True(back.CarriedOver >= people.Length - AllocationScenes.FarSeatsPerDay);
        foreach (var person in people.Where(p => seated.All(a => a.Applicant.Identity != p.Identity)))
        {
            Assert.Equal(RequestFileResult.AlreadyRequested, (await fixture.FileAsync(person, date)).Result);
        }
    }

    /// <summary>
    /// Waits until the far office's board (what a batch reads) shows <paramref name="free"/> seats that day: days publish
    /// their changes to it within about 50 ms of the commit.
    /// </summary>
    private async Task SeatsShownAsync(DateOnly date, int free)
    {
        var office = fixture.Client.GetGrain<IOfficeGrain>(SchedulerCluster.FarOffice);
        for (var i = 0; i < 100 && (await office.GetAvailability(SchedulerCluster.Procedure, date, date)).Sum(d => d.Free) != free; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(free, (await office.GetAvailability(SchedulerCluster.Procedure, date, date)).Sum(d => d.Free));
    }
}
