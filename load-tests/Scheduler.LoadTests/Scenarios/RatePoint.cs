namespace Scheduler.LoadTests.Scenarios;

/// <summary>
/// One corner of an arrival curve: at <see cref="AtSeconds"/> into the run, new applicants arrive at
/// <see cref="PerSecond"/>. Between two corners the rate changes linearly; two corners at the same
/// instant make a step (a spike).
/// </summary>
public sealed record RatePoint(double AtSeconds, double PerSecond);
