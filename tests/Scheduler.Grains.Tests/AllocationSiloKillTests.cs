using Orleans.Runtime.Placement;
using Scheduler.Contracts;
using Scheduler.Grains.Grains;

namespace Scheduler.Grains.Tests;

/// <summary>
/// Exactly once when the silo itself dies, on PostgreSQL: the silo running a batch is killed after the batch has taken
/// seats but before it has marked their requests assigned; the next release, on a survivor, finishes the recorded batch
/// and every seat is given once. A three-silo cluster of its own (it kills one).
/// </summary>
public sealed class AllocationSiloKillTests(PostgresThreeSiloCluster fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PostgresThreeSiloCluster>
{
    [SkippableFact]
    public async Task Killing_the_silo_of_a_batch_between_a_seat_and_its_request_loses_and_doubles_nothing()
    {
        PostgresSchedulerCluster.Require();
        var victim = fixture.Cluster.Silos[^1];
        var allocation = fixture.Allocation();

        // The allocation grain's first activation goes to the victim (a placement hint; checked below).
        RequestContext.Set(IPlacementDirector.PlacementHintKey, victim.SiloAddress);
        try
        {
            await fixture.BatchModeAsync();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var host = (await management.GetDetailedGrainStatistics()).FirstOrDefault(a => a.GrainId == allocation.GetGrainId())?.SiloAddress;
        Skip.IfNot(victim.SiloAddress.Equals(host), $"placement put the allocation grain on {host}, not on {victim.SiloAddress}");

        var date = SchedulerCluster.Today.AddDays(40);
        var people = Enumerable.Range(0, 40).Select(i => SchedulerCluster.Person(900_000 + i)).ToArray();
        var requests = (await Task.WhenAll(people.Select(p => fixture.FileAsync(p, date)))).Select(f => f.Request!.Entry).ToArray();
        var batchId = $"batch:{SchedulerCluster.Procedure}:000001";
        var held = fixture.Faults.HoldAsync(AllocationGrain.AfterSeat, batchId);

        var running = allocation.RunBatch("operator:test");
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        await fixture.Cluster.KillSiloAsync(victim);
        await Assert.ThrowsAnyAsync<Exception>(() => running.WaitAsync(TimeSpan.FromSeconds(60)));

        var resumed = await allocation.RunBatch("operator:test").WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"resumed {resumed.Id}: {resumed.Assigned} assigned of {resumed.Requests} requests, {resumed.SeatsOffered} seats");

        Assert.Equal((batchId, true), (resumed.Id, resumed.Finished));
        var record = (await allocation.GetBatch(batchId))!;
        var seated = AllocationScenes.AssertSeatsOnce(await fixture.FarDayAsync(date)).ToDictionary(a => a.Code);
        Assert.Equal(AllocationScenes.FarSeatsPerDay, seated.Count);
        Assert.Equal(seated.Keys.Order(), record.Assigned.Values.Order());
        foreach (var (person, request) in people.Zip(requests))
        {
            var view = (await fixture.Applicant(person).FindRequest(request.Id))!.Entry;
            Assert.Equal(record.Assigned.TryGetValue(request.Id, out var code) ? (WaitlistStatus.Booked, code) : (WaitlistStatus.Waiting, null), (view.Status, view.Code));
        }
    }
}
