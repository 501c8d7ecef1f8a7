using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>
/// Coordinates one counter transfer (key: transfer id) so that it either fully applies or leaves both offices
/// unchanged, across failures between the two offices and crashes of the coordinator.
/// </summary>
[Alias("scheduler.ICapacityTransferGrain")]
public interface ICapacityTransferGrain : IGrainWithStringKey
{
    /// <summary>Runs the transfer (once: a repeated call answers the first outcome).</summary>
    [Alias("Execute")]
    Task<TransferResult> Execute(TransferRequest request);

    /// <summary>
    /// For an office holding an unconfirmed adjustment of this transfer: Committed (confirm it), Aborted (drop
    /// it), or Pending while the transfer is still running here (ask again later). A transfer found pending
    /// with no one running it is aborted.
    /// </summary>
    [Alias("Resolve"), AlwaysInterleave]
    Task<TransferStatus> Resolve();
}
