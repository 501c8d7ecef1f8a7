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
    public string Mode => GroupCommit ? "group commit (default)" : "one write per decision";

    public double BookingsPerSecond => Booked / Elapsed.TotalSeconds;

    public double DayWritesPerBooking => Booked == 0 ? double.NaN : (double)Writes.DayInventory / Booked;

    public double AllWritesPerBooking => Booked == 0 ? double.NaN : (double)Writes.All / Booked;

    public double MeanBatch => Metrics.BatchCount == 0 ? double.NaN : Metrics.BatchSum / Metrics.BatchCount;
}
