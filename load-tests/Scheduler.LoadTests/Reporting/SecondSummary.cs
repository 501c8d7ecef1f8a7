namespace Scheduler.LoadTests.Reporting;

/// <summary>One second of the run's timeline.</summary>
public sealed record SecondSummary(
    int Second,
    int Offered,
    int Launched,
    int Dropped,
    int Requests,
    int Bookings,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    IReadOnlyDictionary<string, int> Outcomes);
