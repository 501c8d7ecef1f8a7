namespace Scheduler.LoadTests.Reporting;

/// <summary>When an office/date first answered slot-full.</summary>
public sealed record SelloutSummary(string OfficeId, string Date, double AtSeconds);
