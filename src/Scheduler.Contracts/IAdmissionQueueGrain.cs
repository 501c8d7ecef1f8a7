using Orleans.Concurrency;

namespace Scheduler.Contracts;

/// <summary>
/// A procedure's waiting room coordinator (key: procedure id). It holds the operator's settings, decides each tick
/// how far admission moves (merging the partitions' heads, so order holds across them) and measures the rate. It
/// never sees a poll: front doors ask the ticket's partition.
/// </summary>
[Alias("scheduler.IAdmissionQueueGrain")]
public interface IAdmissionQueueGrain : IGrainWithStringKey
{
    /// <summary>A front door's periodic report (bookings, overload) and its read of the status.</summary>
    [Alias("Report")]
    Task<AdmissionStatus> Report(AdmissionTraffic traffic);

    /// <summary>The status without reporting anything.</summary>
    [Alias("GetStatus"), AlwaysInterleave]
    Task<AdmissionStatus> GetStatus();

    /// <summary>The latest board (a partition that activates reads it).</summary>
    [Alias("GetBoard"), AlwaysInterleave]
    Task<AdmissionBoard> GetBoard();

    /// <summary>An operator's change (switch, opening time, rate).</summary>
    [Alias("Configure")]
    Task<AdmissionStatus> Configure(AdmissionSettings settings);

    /// <summary>A partition got a ticket: the coordinator ticks while anyone waits.</summary>
    [Alias("Wake"), OneWay]
    Task Wake();
}
