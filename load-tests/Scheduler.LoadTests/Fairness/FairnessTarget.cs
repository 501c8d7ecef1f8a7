namespace Scheduler.LoadTests.Fairness;

/// <summary>One of issue 14's targets, judged on one run's figures; <see cref="Met"/> null when it does not apply to that run.</summary>
public sealed record FairnessTarget(string Name, string Goal, string Measured, bool? Met);
