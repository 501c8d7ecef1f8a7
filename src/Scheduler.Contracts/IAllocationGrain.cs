using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>
/// One procedure's allocation (key: procedure id): its settings (mode, cadence, reserve, deadline), its open requests
/// and its batches. Requests are rows of the waitlist table in the partition <see cref="RequestPartition.Key"/>.
/// </summary>
[Alias("scheduler.IAllocationGrain")]
public interface IAllocationGrain : IGrainWithStringKey
{
    [Alias("GetSettings"), AlwaysInterleave]
    Task<AllocationSettings> GetSettings();

    /// <summary>Applies an operator's change as operation <paramref name="operationId"/> (audited; a retry answers the first result).</summary>
    [Alias("Change")]
    Task<AllocationChangeOutcome> Change(string operationId, AllocationChange change);

    /// <summary>Stores a new open request (its applicant grain has checked that it is the document's only live one); null when the procedure is not in batch mode.</summary>
    [Alias("File"), AlwaysInterleave]
    Task<RequestView?> File(WaitlistEntry request);

    /// <summary>The request <paramref name="id"/> (open or finished), or null.</summary>
    [Alias("GetRequest"), AlwaysInterleave]
    Task<RequestView?> GetRequest(string id);

    /// <summary>Withdraws an open request (false when it is not open).</summary>
    [Alias("Withdraw")]
    Task<bool> Withdraw(string id);

    /// <summary>Runs a batch now (finishing one a crash interrupted first) and answers it.</summary>
    [Alias("RunBatch")]
    Task<BatchSummary> RunBatch(string actor);

    /// <summary>The most recent batches, newest first.</summary>
    [Alias("ListBatches")]
    Task<IReadOnlyList<BatchSummary>> ListBatches(int limit);

    /// <summary>One batch as recorded (seed, inputs, plan, assignments), or null.</summary>
    [Alias("GetBatch")]
    Task<BatchRecord?> GetBatch(string batchId);

    /// <summary>How many requests are open now.</summary>
    [Alias("OpenRequests"), AlwaysInterleave]
    Task<int> OpenRequests();

    /// <summary>Open requests filed in time (before the deadline) whose window overlaps [from, to]: people filed in time and still unserved.</summary>
    [Alias("UnservedInTime"), AlwaysInterleave]
    Task<int> UnservedInTime(DateOnly from, DateOnly to);
}
