namespace Scheduler.GroupCommitBenchmark;

/// <summary>What one mode measured on the hot day (<see cref="LoadAverage"/>: the machine's 1-minute load right after).</summary>
public sealed record RunResult(
    StorageKind Storage,
    bool GroupCommit,
    int Round,
    int Bookings,
    int Booked,
    int Failed,
    TimeSpan Elapsed,
    StoredWrites Writes,
    ServerMetrics Metrics,
    double P50Milliseconds,
    double P99Milliseconds,
    double LoadAverage)
{
    public string Mode => GroupCommit ? "batched across grains (default)" : "one transaction per row";

    public double BookingsPerSecond => Booked / Elapsed.TotalSeconds;

    /// <summary>Journal transactions per durable booking (below 1 when bookings share transactions).</summary>
    public double TransactionsPerBooking => Booked == 0 ? double.NaN : Metrics.BatchCount / Booked;

    /// <summary>Grain state writes per durable booking (snapshots; the claim travels in the booking's row).</summary>
    public double StateWritesPerBooking => Booked == 0 ? double.NaN : (double)Writes.GrainStateWrites / Booked;

    public double MeanBatch => Metrics.BatchCount == 0 ? double.NaN : Metrics.BatchSum / Metrics.BatchCount;
}
