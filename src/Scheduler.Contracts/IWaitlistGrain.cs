using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>
/// The waitlist of one procedure (key: procedure id). When seats appear (added, transferred, cancelled),
/// waiting applicants in reach are booked automatically in arrival order.
/// </summary>
[Alias("scheduler.IWaitlistGrain")]
public interface IWaitlistGrain : IGrainWithStringKey
{
    /// <summary>Adds the entry and books it at once if a seat is already free in reach.</summary>
    [Alias("Join")]
    Task<WaitlistView> Join(WaitlistEntry entry);

    [Alias("Get")]
    Task<WaitlistView?> Get(string id);

    /// <summary>The entry leaves the waitlist (its applicant booked by hand, or withdrew).</summary>
    [Alias("Leave"), OneWay]
    Task Leave(string id, string note);

    /// <summary>Seats became free at an office on a date: serve waiting entries in arrival order.</summary>
    [Alias("CapacityAvailable"), OneWay]
    Task CapacityAvailable(string officeId, DateOnly date);

    /// <summary>Waiting entries whose date window meets [from, to], per office nearest to their home.</summary>
    [Alias("WaitingByOffice"), AlwaysInterleave]
    Task<IReadOnlyDictionary<string, int>> WaitingByOffice(DateOnly from, DateOnly to);
}
