using Scheduler.Contracts;

namespace Scheduler.Grains.Tests;

/// <summary>
/// What allocation tests do with a <see cref="SchedulerCluster"/>: put the procedure in batch mode, file requests near
/// the far office (3 counters, 9 seats a day; nothing else within 50 km), and read back what a day holds.
/// </summary>
internal static class AllocationScenes
{
    /// <summary>Arequipa, where <see cref="SchedulerCluster.FarOffice"/> is: only that office is in reach.</summary>
    public const double FarLatitude = -16.40;
    public const double FarLongitude = -71.53;

    public const int FarSeatsPerDay = 9;

    public static IAllocationGrain Allocation(this SchedulerCluster cluster) => cluster.Client.GetGrain<IAllocationGrain>(SchedulerCluster.Procedure);

    public static async Task BatchModeAsync(this SchedulerCluster cluster)
    {
        var outcome = await cluster.Allocation().Change(
            Guid.NewGuid().ToString("N"), new AllocationChange(AllocationActions.Mode, AllocationMode.Batch, null, true, false, null, false, null, "operator:test", null));
        Assert.Equal(AllocationChangeResult.Applied, outcome.Result);
    }

    public static WaitlistEntry Request(ApplicantDetails applicant, DateOnly date, string? id = null) => new(
        id ?? "R-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), 0, applicant, SchedulerCluster.Procedure, FarLatitude, FarLongitude, 50,
        date, date, DateTimeOffset.UtcNow, WaitlistStatus.Waiting);

    public static Task<RequestFileOutcome> FileAsync(this SchedulerCluster cluster, ApplicantDetails applicant, DateOnly date, string? key = null) =>
        cluster.Applicant(applicant).FileRequest(Request(applicant, date), key);

    /// <summary>The far office's active appointments on <paramref name="date"/>, and its slots.</summary>
    public static async Task<DayRoster> FarDayAsync(this SchedulerCluster cluster, DateOnly date) =>
        await cluster.Day(SchedulerCluster.FarOffice, date).GetRoster();

    /// <summary>No slot over capacity, no document twice on the day; answers the active appointments.</summary>
    public static IReadOnlyList<Appointment> AssertSeatsOnce(DayRoster roster)
    {
        var active = roster.Appointments.Where(a => a.IsActive).ToArray();
        foreach (var slot in roster.Slots)
        {
            Assert.True(active.Count(a => a.Start == slot.Start) <= slot.Capacity, $"slot {slot.Start} holds more than its {slot.Capacity} seats");
        }

        Assert.Equal(active.Length, active.Select(a => a.Applicant.Identity.DocumentNumber).Distinct().Count());
        return active;
    }
}
