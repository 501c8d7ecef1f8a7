using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>
/// The front of one procedure's waitlist (key: procedure id). It holds no entries: they live in partitions
/// (<see cref="IWaitlistPartitionGrain"/>, one per procedure and office nearest the applicant's home). When seats
/// appear (added, transferred, cancelled), it books waiting applicants in reach in arrival order across partitions.
/// </summary>
[Alias("scheduler.IWaitlistGrain")]
public interface IWaitlistGrain : IGrainWithStringKey
{
    /// <summary>Adds the entry to its partition and books it at once if a seat is already free in reach (and nobody earlier waits for it).</summary>
    [Alias("Join")]
    Task<WaitlistView> Join(WaitlistEntry entry);

    /// <summary>The entry <paramref name="id"/>, waiting or finished; null when there is none.</summary>
    [Alias("Get")]
    Task<WaitlistView?> Get(string id);

    /// <summary>The entry leaves the waitlist (its applicant booked by hand, or withdrew).</summary>
    [Alias("Leave"), OneWay]
    Task Leave(string id, string note);

    /// <summary>Seats became free at an office on a date: serve waiting entries in reach in arrival order.</summary>
    [Alias("CapacityAvailable"), OneWay]
    Task CapacityAvailable(string officeId, DateOnly date);

    /// <summary>Waiting entries whose date window meets [from, to], per office nearest to their home.</summary>
    [Alias("WaitingByOffice")]
    Task<IReadOnlyDictionary<string, int>> WaitingByOffice(DateOnly from, DateOnly to);
}
