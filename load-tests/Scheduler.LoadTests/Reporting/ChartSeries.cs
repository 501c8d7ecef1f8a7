namespace Scheduler.LoadTests.Reporting;

/// <summary>A named line on a chart.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);
