namespace Scheduler.LoadTests.Reporting;

/// <summary>Rates over the run (arrival window plus the drain after it).</summary>
public sealed record ThroughputFigures(
    double ArrivalWindowSeconds,
    double WallSeconds,
    long Requests,
    long Retries,
    long Bookings,
    double RequestsPerSecond,
    double BookingsPerSecond,
    int PeakRequestsPerSecond);
