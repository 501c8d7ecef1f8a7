using Scheduler.Contracts;
using Scheduler.Grains.Grains;

namespace Scheduler.Grains.Tests;

/// <summary>
/// Exactly once, on PostgreSQL: a batch whose allocation grain dies at each of its steps (after the batch is recorded;
/// after a seat is taken but before its request is marked assigned; after a wave is saved; before the batch is marked
/// finished) is finished by the next call from its record, and every seat is given once: the day holds exactly its
/// seats, no document twice, every assigned request points at its own appointment, and no request holds two seats.
/// The death is the activation's: the injected failure drops it with whatever it held in memory, and the next call
/// activates it afresh from what is stored.
/// </summary>
public sealed class AllocationCrashTests(PostgresSchedulerCluster fixture) : IClassFixture<PostgresSchedulerCluster>
{
    private static int nextPerson = 800_000;

    public static TheoryData<string, int> Steps => new()
    {
        { AllocationGrain.AfterRecord, 31 },
        { AllocationGrain.AfterSeat, 32 },
        { AllocationGrain.AfterWave, 33 },
        { AllocationGrain.BeforeFinish, 34 },
    };

    [SkippableTheory]
    [MemberData(nameof(Steps))]
    public async Task A_batch_that_dies_at_a_step_is_finished_from_its_record_giving_each_seat_once(string step, int daysAhead)
    {
        PostgresSchedulerCluster.Require();
        await fixture.BatchModeAsync();
        var allocation = fixture.Allocation();
        await allocation.RunBatch("operator:test"); // anything other tests left open is decided first, so the next batch is this test's
        var date = SchedulerCluster.Today.AddDays(daysAhead);
        var people = Enumerable.Range(0, 40).Select(_ => SchedulerCluster.Person(Interlocked.Increment(ref nextPerson))).ToArray();
        var requests = (await Task.WhenAll(people.Select(p => fixture.FileAsync(p, date)))).Select(f => f.Request!.Entry).ToArray();
        var batchId = NextBatchId(await allocation.ListBatches(1));
        fixture.Faults.Arm(step, batchId);

        await Assert.ThrowsAnyAsync<Exception>(() => allocation.RunBatch("operator:test"));
        var resumed = await allocation.RunBatch("operator:test");

        Assert.Equal((batchId, true), (resumed.Id, resumed.Finished));
        var record = (await allocation.GetBatch(batchId))!;
        var seated = AllocationScenes.AssertSeatsOnce(await fixture.FarDayAsync(date)).ToDictionary(a => a.Code);
        Assert.Equal(AllocationScenes.FarSeatsPerDay, seated.Count);
        Assert.Equal(seated.Keys.Order(), record.Assigned.Values.Order());
        Assert.Equal(record.Plan.Select(p => p.RequestId).Order(), record.Assigned.Keys.Order());
        foreach (var (person, request) in people.Zip(requests))
        {
            var view = (await fixture.Applicant(person).FindRequest(request.Id))!.Entry;
            if (record.Assigned.TryGetValue(request.Id, out var code))
            {
                Assert.Equal((WaitlistStatus.Booked, code), (view.Status, view.Code));
                Assert.Equal(person.Identity, seated[code].Applicant.Identity);
            }
            else
            {
                Assert.Equal(WaitlistStatus.Waiting, view.Status);
                Assert.DoesNotContain(seated.Values, a => a.Applicant.Identity == person.Identity);
            }
        }

        // The next batch has nothing left to give on that day, and gives nothing twice.
        var after = await allocation.RunBatch("operator:test");
        Assert.NotEqual(batchId, after.Id);
        Assert.Equal(AllocationScenes.FarSeatsPerDay, AllocationScenes.AssertSeatsOnce(await fixture.FarDayAsync(date)).Count);
    }

    private static string NextBatchId(IReadOnlyList<BatchSummary> latest)
    {
        var last = latest.Count == 0 ? 0 : long.Parse(latest[0].Id[(latest[0].Id.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return $"batch:{SchedulerCluster.Procedure}:{last + 1:D6}";
    }
}
