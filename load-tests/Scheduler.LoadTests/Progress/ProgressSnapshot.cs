namespace Scheduler.LoadTests.Progress;

/// <summary>The figures shown while a run is going.</summary>
public sealed record ProgressSnapshot(
    string Phase,
    double ElapsedSeconds,
    double DurationSeconds,
    double OfferedRate,
    int LaunchedLastSecond,
    int RequestsLastSecond,
    long InFlight,
    long Dropped,
    IReadOnlyDictionary<string, long> Outcomes,
    double P50Ms,
    double P99Ms);
