using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Orleans.Runtime.Placement;
using Scheduler.Contracts;
using Scheduler.Grains.Grains;

namespace Scheduler.Grains.Tests;

/// <summary>
/// A counter transfer whose coordinator dies between the two offices' adjustments is settled by its reminder, with
/// nobody asking: both offices end as they were (or, after a retry with the same id, both changed). A cluster of
/// its own (it kills a silo).
/// </summary>
public sealed class TransferSettlementTests(ThreeSiloCluster fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ThreeSiloCluster>
{
    private static readonly TimeSpan SettledWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_the_coordinator_between_the_two_offices_is_settled_by_its_reminder_and_both_offices_stay_consistent()
    {
        var date = SchedulerCluster.Today.AddDays(30);
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var source = fixture.Client.GetGrain<IOfficeGrain>(SchedulerCluster.Office);
        var destination = fixture.Client.GetGrain<IOfficeGrain>(SchedulerCluster.OtherOffice);
        Assert.Equal((40, 2), await ShownCapacitiesAsync(date));

        // The victim holds neither office (offices that stay up never ask Resolve on their own: only the reminder can settle).
        var officeSilos = new[] { await SiloOfAsync(management, source), await SiloOfAsync(management, destination) };
        var victim = fixture.Cluster.Silos.First(s => !officeSilos.Any(o => s.SiloAddress.Equals(o)));
        var id = await CoordinatorOnAsync(management, victim.SiloAddress);
        output.WriteLine($"offices on {officeSilos[0]} and {officeSilos[1]}; coordinator {id} on {victim.SiloAddress}");

        var between = fixture.Faults.HoldAsync(CapacityTransferGrain.BetweenOffices, id);
        var request = new TransferRequest(SchedulerCluster.Procedure, SchedulerCluster.Office, SchedulerCluster.OtherOffice, date, date, 10, "operator:test", "reminder test");
        var running = fixture.Client.GetGrain<ICapacityTransferGrain>(id).Execute(request);
        await between.WaitAsync(TimeSpan.FromSeconds(20));

        // Half-way: the source's cut counts (its seats cannot be booked), the destination's addition does not yet.
        Assert.Equal((30, 2), await ShownCapacitiesAsync(date));
        Assert.Contains((await source.GetProfile())!.Adjustments, a => a.TransferId == id && !a.Confirmed);

        await fixture.Cluster.KillSiloAsync(victim);
        var clock = Stopwatch.StartNew();
        while (await HeldAsync(source, id) && clock.Elapsed < SettledWithin)
        {
            await Task.Delay(250);
        }

        output.WriteLine($"settled {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        await Assert.ThrowsAnyAsync<Exception>(() => running.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(await HeldAsync(source, id), $"the source still holds transfer {id}'s cut {SettledWithin.TotalSeconds} s after the kill");
        Assert.False(await HeldAsync(destination, id));
        Assert.Equal((40, 2), await ShownCapacitiesAsync(date));
        Assert.Equal(0, await RemindersOfAsync(id));

        // The same id run again completes the transfer at both offices.
        var retried = await fixture.Client.GetGrain<ICapacityTransferGrain>(id).Execute(request);
        Assert.Equal(TransferStatus.Committed, retried.Status);
        Assert.Equal((30, 12), await ShownCapacitiesAsync(date));
        Assert.Equal(0, await RemindersOfAsync(id));
    }

    /// <summary>Capacity of the day's first slot as the days hold it, checked against what each office's board shows people.</summary>
    private async Task<(int Office, int Other)> ShownCapacitiesAsync(DateOnly date)
    {
        var capacities = new List<int>();
        foreach (var office in new[] { SchedulerCluster.Office, SchedulerCluster.OtherOffice })
        {
            var day = await fixture.Day(office, date).GetAvailability();
            var shown = (await fixture.Client.GetGrain<IOfficeGrain>(office).GetAvailability(SchedulerCluster.Procedure, date, date)).Single();
            Assert.Equal(day.Slots.Select(s => (s.Start, s.Capacity, s.Free)), shown.Slots.Select(s => (s.Start, s.Capacity, s.Free)));
            capacities.Add(day.Slots[0].Capacity);
        }

        return (capacities[0], capacities[1]);
    }

    private static async Task<bool> HeldAsync(IOfficeGrain office, string transferId)
    {
        try
        {
            return (await office.GetProfile())!.Adjustments.Any(a => a.TransferId == transferId);
        }
        catch (Exception failure) when (failure is not Xunit.Sdk.XunitException)
        {
            // The silo's death is not yet known everywhere: ask again.
            return true;
        }
    }

    private async Task<long> RemindersOfAsync(string transferId)
    {
        await using var connection = new SqliteConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM scheduler_reminders WHERE grain_id LIKE @grain";
        count.Parameters.AddWithValue("grain", $"%{transferId}%");
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A fresh transfer id whose coordinator lives on <paramref name="silo"/> (placement takes hints, but may overrule them).</summary>
    private async Task<string> CoordinatorOnAsync(IManagementGrain management, SiloAddress silo)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var id = "transfer-" + Guid.NewGuid().ToString("N");
            var coordinator = fixture.Client.GetGrain<ICapacityTransferGrain>(id);
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
            try
            {
                // Resolving a transfer nobody started changes nothing: it only activates the coordinator.
                Assert.Equal(TransferStatus.Aborted, await coordinator.Resolve());
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }

            if (silo.Equals(await SiloOfAsync(management, coordinator)))
            {
                return id;
            }
        }

        Assert.Fail($"no coordinator could be placed on {silo}");
        return null!;
    }

    private static async Task<SiloAddress?> SiloOfAsync(IManagementGrain management, IAddressable grain)
    {
        var id = grain.GetGrainId();
        var activations = await management.GetDetailedGrainStatistics();
        return activations.FirstOrDefault(a => a.GrainId == id)?.SiloAddress;
    }
}
