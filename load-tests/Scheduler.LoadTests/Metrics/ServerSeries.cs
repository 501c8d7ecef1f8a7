namespace Scheduler.LoadTests.Metrics;

/// <summary>A server-side series before and after the run.</summary>
public sealed record ServerSeries(string Series, double? Before, double? After)
{
    public double? Delta => After is { } a ? a - (Before ?? 0) : null;
}
