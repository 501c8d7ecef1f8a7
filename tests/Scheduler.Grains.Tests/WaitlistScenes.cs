using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

/// <summary>What waitlist tests arrange: a full day at the far office, and applicants waiting near it.</summary>
public static class WaitlistScenes
{
    /// <summary>Books all 9 seats (3 counters x 3 slots) of the far office on <paramref name="date"/>; answers the holders.</summary>
    public static async Task<IReadOnlyList<(ApplicantDetails Applicant, string Code)>> FillFarOfficeAsync(IClusterClient client, DateOnly date, int firstPerson)
    {
        var holders = new List<(ApplicantDetails, string)>();
        for (var i = 0; i < 9; i++)
        {
            var holder = SchedulerCluster.Person(firstPerson + i);
            var outcome = await SchedulerCluster.Keys.Grain(client, holder.Identity.DocumentNumber)
                .Book(SchedulerCluster.Book(holder, date, null, SchedulerCluster.FarOffice), null);
            Assert.Equal(BookingResult.Booked, outcome.Result);
            holders.Add((holder, outcome.Appointment!.Code));
        }

        return holders;
    }

    /// <summary>Joins the waitlist as the front door does (applicant first, then the waitlist), within 10 km of the far office, for one date.</summary>
    public static async Task<WaitlistEntry> JoinNearFarOfficeAsync(IClusterClient client, ApplicantDetails person, DateOnly date)
    {
        var entry = new WaitlistEntry($"W-{Guid.NewGuid():N}", 0, person, SchedulerCluster.Procedure, -16.40, -71.53, 10, date, date, DateTimeOffset.UtcNow, WaitlistStatus.Waiting);
        Assert.Equal(WaitlistJoinResult.Joined, (await SchedulerCluster.Keys.Grain(client, person.Identity.DocumentNumber).JoinWaitlist(entry)).Result);
        var view = await client.GetGrain<IWaitlistGrain>(SchedulerCluster.Procedure).Join(entry);
        Assert.Equal(WaitlistStatus.Waiting, view.Entry.Status);
        return view.Entry;
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, double seconds = 20) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition was not met within {seconds} s.");
            }

            await Task.Delay(200);
        }
    }
}
