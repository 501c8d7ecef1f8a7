namespace Scheduler.LoadTests.Metrics;

/// <summary>Server-measured request durations of one route during the run, estimated from histogram buckets.</summary>
public sealed record ServerRouteLatency(string Method, string Route, double Requests, double MeanMs, double P50Ms, double P90Ms, double P99Ms);
