namespace Scheduler.LoadTests.Reporting;

/// <summary>
/// Rates over the run (arrival window plus the drain after it), and over the steady part of the arrival
/// window (after the warm-up, until the last arrival: <see cref="SteadyWindowSeconds"/>).
/// </summary>
public sealed record ThroughputFigures(
    double ArrivalWindowSeconds,
    double WallSeconds,
    long Requests,
    long Retries,
    long Bookings,
    double RequestsPerSecond,
    double BookingsPerSecond,
    int PeakRequestsPerSecond)
{
    /// <summary>Length of the steady window the <c>Window*</c> rates are measured over.</summary>
    public double SteadyWindowSeconds { get; init; }

    /// <summary>Requests that got an HTTP answer (any status) and completed within the steady window, per second of it.</summary>
    public double WindowAnsweredPerSecond { get; init; }

    /// <summary>Booking requests answered 201 or 409 within the steady window, per second of it.</summary>
    public double WindowBookDecisionsPerSecond { get; init; }

    /// <summary>Searches and availability reads answered (any status) within the steady window, per second of it.</summary>
    public double WindowQueriesPerSecond { get; init; }
}
