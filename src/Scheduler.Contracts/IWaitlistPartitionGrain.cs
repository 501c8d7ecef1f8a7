using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>
/// The waiting entries of one procedure whose nearest office (from the applicant's home) is one office (key:
/// <c>procedure/officeId</c>, see <see cref="WaitlistPartition"/>). Entries are rows of their own; memory holds only
/// the waiting ones, in arrival order. A reminder sweeps for lost notices and expires entries, so the partition
/// comes back on another silo when its silo is lost.
/// </summary>
[Alias("scheduler.IWaitlistPartitionGrain")]
public interface IWaitlistPartitionGrain : IGrainWithStringKey
{
    /// <summary>Stores the entry (once: joining again with the same id answers the stored entry).</summary>
    [Alias("Join")]
    Task<WaitlistView> Join(WaitlistEntry entry);

    /// <summary>A waiting entry with its place in this partition's queue; null when it is not waiting here.</summary>
    [Alias("GetWaiting"), AlwaysInterleave]
    Task<WaitlistView?> GetWaiting(string id);

    /// <summary>The earliest waiting entry that wants a seat at <paramref name="officeId"/> on <paramref name="date"/>, other than <paramref name="skip"/>.</summary>
    [Alias("Earliest"), AlwaysInterleave]
    Task<WaitlistCandidate?> Earliest(string officeId, DateOnly date, IReadOnlyList<string> skip);

    /// <summary>Tries to book the waiting entry <paramref name="id"/> at the office that day, through its applicant grain.</summary>
    [Alias("Promote")]
    Task<WaitlistPromotion> Promote(string id, string officeId, DateOnly date);

    /// <summary>The entry leaves the waitlist; false when it was not waiting here.</summary>
    [Alias("Leave")]
    Task<bool> Leave(string id, string note);

    /// <summary>Activates the partition, which registers its reminder when entries wait (after a restart that forgot reminders kept in memory).</summary>
    [Alias("Wake")]
    Task Wake();

    /// <summary>Waiting entries whose date window meets [from, to].</summary>
    [Alias("WaitingCount"), AlwaysInterleave]
    Task<int> WaitingCount(DateOnly from, DateOnly to);
}
