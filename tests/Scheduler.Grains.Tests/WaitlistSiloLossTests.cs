using Scheduler.Contracts;
using Scheduler.Grains.Grains;

namespace Scheduler.Grains.Tests;

/// <summary>A waitlist partition outlives its silo. A cluster of its own (it kills a silo).</summary>
public sealed class WaitlistSiloLossTests(ThreeSiloCluster fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ThreeSiloCluster>
{
    [Fact]
    public async Task A_waiting_entry_is_booked_when_a_seat_appears_after_the_silo_holding_its_partition_was_killed()
    {
        var date = SchedulerCluster.Today.AddDays(20);
        var holders = await WaitlistScenes.FillFarOfficeAsync(fixture.Client, date, 76_000);
        var person = SchedulerCluster.Person(76_100);
        var entry = await WaitlistScenes.JoinNearFarOfficeAsync(fixture.Client, person, date);
        var partition = fixture.Client.GetGrain<IWaitlistPartitionGrain>(WaitlistPartition.Key(SchedulerCluster.Procedure, SchedulerCluster.FarOffice));
        Assert.True(await fixture.HasReminderAsync(partition.GetGrainId(), WaitlistPartitionGrain.SweepReminder));

        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        var home = (await management.GetDetailedGrainStatistics()).Single(a => a.GrainId == partition.GetGrainId()).SiloAddress;
        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(home)));
        output.WriteLine($"killed {home}, the silo of the partition");

        // A seat appears. Its notice may die with the partition's silo; the partition's reminder fires on a survivor.
        await fixture.Applicant(holders[0].Applicant).Cancel(holders[0].Code).WaitAsync(TimeSpan.FromSeconds(60));

        var waitlist = fixture.Client.GetGrain<IWaitlistGrain>(SchedulerCluster.Procedure);
        var booked = await WaitlistScenes.EventuallyAsync(async () =>
        {
            try
            {
                return await waitlist.Get(entry.Id) is { Entry.Status: WaitlistStatus.Booked } view ? view : null;
            }
            catch (Exception failure) when (failure is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                return null;
            }
        }, seconds: 120);

        Assert.Equal((SchedulerCluster.FarOffice, (DateOnly?)date), (booked.Entry.OfficeId, booked.Entry.Date));
        var appointment = await fixture.Applicant(person).Find(booked.Entry.Code!);
        Assert.True(appointment!.IsActive);
        var roster = await fixture.Day(SchedulerCluster.FarOffice, date).GetRoster();
        Assert.Single(roster.Appointments, a => a.IsActive && a.Applicant.Identity == person.Identity);
        foreach (var slot in roster.Slots)
        {
            Assert.InRange(roster.Appointments.Count(a => a.IsActive && a.Start == slot.Start), 0, slot.Capacity);
        }
    }
}
