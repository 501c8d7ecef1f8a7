namespace Scheduler.LoadTests.Reporting;

/// <summary>Arrivals planned and launched.</summary>
public sealed record ArrivalFigures(double ExpectedFromCurve, int Scheduled, long Launched, long Dropped, long PeakInFlight);
