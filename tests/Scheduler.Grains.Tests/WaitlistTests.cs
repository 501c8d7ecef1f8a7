using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

/// <summary>The waitlist's order: arrival order across partitions, and no entry overtaken after a refusal.</summary>
[Collection(SchedulerClusterCollection.Name)]
public sealed class WaitlistTests(SchedulerCluster fixture)
{
    [Fact]
    public async Task An_entry_refused_once_is_still_served_before_a_later_entry()
    {
        var date = SchedulerCluster.Today.AddDays(27);
        var holders = await WaitlistScenes.FillFarOfficeAsync(fixture.Client, date, 75_000);
        var earlier = await WaitlistScenes.JoinNearFarOfficeAsync(fixture.Client, SchedulerCluster.Person(75_100), date);

        // The earlier entry is offered a seat that is gone by the time it books: refused under its own key.
        var refused = await fixture.Applicant(earlier.Applicant).BookFromWaitlist(
            new BookingCommand(earlier.Applicant, SchedulerCluster.Procedure, SchedulerCluster.FarOffice, date, null), earlier.Id);
        Assert.Equal(BookingResult.SlotFull, refused.Result);

        var later = await WaitlistScenes.JoinNearFarOfficeAsync(fixture.Client, SchedulerCluster.Person(75_101), date);
        var waitlist = fixture.Client.GetGrain<IWaitlistGrain>(SchedulerCluster.Procedure);
        Assert.Equal(((int?)1, (int?)2), ((await waitlist.Get(earlier.Id))!.Position, (await waitlist.Get(later.Id))!.Position));

        // One seat appears: it goes to the entry that was refused, not to the later one.
        await fixture.Applicant(holders[0].Applicant).Cancel(holders[0].Code);

        var served = await WaitlistScenes.EventuallyAsync(async () => await waitlist.Get(earlier.Id) is { Entry.Status: not WaitlistStatus.Waiting } view ? view : null);
        Assert.Equal((WaitlistStatus.Booked, SchedulerCluster.FarOffice, (DateOnly?)date), (served.Entry.Status, served.Entry.OfficeId, served.Entry.Date));
        var still = await waitlist.Get(later.Id);
        Assert.Equal((WaitlistStatus.Waiting, (int?)1), (still!.Entry.Status, still.Position));
        var roster = await fixture.Day(SchedulerCluster.FarOffice, date).GetRoster();
        Assert.Single(roster.Appointments, a => a.IsActive && a.Applicant.Identity == earlier.Applicant.Identity);
        Assert.DoesNotContain(roster.Appointments, a => a.IsActive && a.Applicant.Identity == later.Applicant.Identity);
        await waitlist.Leave(later.Id, "test over");
    }

    [Fact]
    public async Task A_finished_entry_leaves_the_partition_and_its_row_keeps_no_personal_data()
    {
        var date = SchedulerCluster.Today.AddDays(28);
        await WaitlistScenes.FillFarOfficeAsync(fixture.Client, date, 75_200);
        var person = SchedulerCluster.Person(75_300) with { Email = "waiting@example.org", Phone = "+51999000111" };
        var entry = await WaitlistScenes.JoinNearFarOfficeAsync(fixture.Client, person, date);
        var partition = fixture.Client.GetGrain<IWaitlistPartitionGrain>(WaitlistPartition.Key(SchedulerCluster.Procedure, SchedulerCluster.FarOffice));
        Assert.NotNull(await partition.GetWaiting(entry.Id));

        Assert.True(await fixture.Applicant(person).LeaveWaitlist(entry.Id));

        var left = await WaitlistScenes.EventuallyAsync(async () => await fixture.Client.GetGrain<IWaitlistGrain>(SchedulerCluster.Procedure).Get(entry.Id) is { Entry.Status: WaitlistStatus.Left } view ? view : null);
        Assert.Null(await partition.GetWaiting(entry.Id));
        Assert.Equal((date, date, (int?)null), (left.Entry.From, left.Entry.To, left.Position));
        Assert.Equal((string.Empty, string.Empty, (string?)null, (string?)null),
            (left.Entry.Applicant.Identity.DocumentNumber, left.Entry.Applicant.FullName, left.Entry.Applicant.Email, left.Entry.Applicant.Phone));
    }
}
