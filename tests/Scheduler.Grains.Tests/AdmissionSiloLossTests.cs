using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

/// <summary>The waiting room outlives a silo: no ticket lost, none overtaken. A cluster of its own (it kills a silo).</summary>
public sealed class AdmissionSiloLossTests(ThreeSiloCluster fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ThreeSiloCluster>
{
    [Fact]
    public async Task Killing_the_silo_that_holds_most_partitions_loses_no_ticket_and_admits_the_rest_in_arrival_order()
    {
        const string procedure = "rush-silo-loss";
        var queue = fixture.Client.GetGrain<IAdmissionQueueGrain>(procedure);
        await queue.Configure(AdmissionScenes.Settings(enabled: true, rate: 0.1));
        var tickets = await AdmissionScenes.JoinAsync(fixture.Client, procedure, 150);
        await AdmissionScenes.PositionsSettleAsync(fixture.Client, tickets, p => p.Where(x => x.AdmittedAt is null).Select(x => x.Position).SequenceEqual(
            Enumerable.Range(1, p.Count(x => x.AdmittedAt is null))));

        // The silo holding the most partitions of this procedure (the coordinator may live there too).
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var partitions = Enumerable.Range(0, AdmissionScenes.Partitions)
            .Select(p => fixture.Client.GetGrain<IAdmissionPartitionGrain>(Domain.Admission.AdmissionTicket.PartitionKey(procedure, p)).GetGrainId()).ToHashSet();
        var activations = (await management.GetDetailedGrainStatistics()).Where(a => partitions.Contains(a.GrainId)).ToArray();
        var victim = activations.GroupBy(a => a.SiloAddress).OrderByDescending(g => g.Count()).First();
        output.WriteLine($"killing {victim.Key}, holding {victim.Count()} of {activations.Length} partitions");
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(victim.Key)));

        // Every ticket is found again (its partition comes back on a survivor from its rows), in the same order.
        var places = await WaitlistScenes.EventuallyAsync(async () =>
        {
            try
            {
                var read = await AdmissionScenes.PlacesAsync(fixture.Client, tickets);
                var waiting = read.Where(x => x.AdmittedAt is null).Select(x => x.Position).ToArray();
                return read.All(x => x is not null) && waiting.SequenceEqual(Enumerable.Range(1, waiting.Length)) ? read : null;
            }
            catch (Exception failure) when (failure is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                return null;
            }
        }, seconds: 120);
        Assert.Equal(tickets, places.Select(p => p.Ticket));

        await WaitlistScenes.EventuallyAsync(async () =>
        {
            try
            {
                return await queue.Configure(AdmissionScenes.Settings(enabled: true, rate: 60));
            }
            catch (Exception failure) when (failure is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                return null;
            }
        }, seconds: 60);
        var admitted = await AdmissionScenes.PositionsSettleAsync(fixture.Client, tickets, p => p.All(x => x.AdmittedAt is not null), seconds: 60);
        for (var i = 1; i < admitted.Length; i++)
        {
            Assert.True(admitted[i - 1].AdmittedAt <= admitted[i].AdmittedAt, $"ticket {i} went in before ticket {i - 1}");
        }
    }
}
