namespace Scheduler.Contracts;

/// <summary>An operator's change of counters (and optionally hours) for a procedure over a date range.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.CapacityChange")]
public sealed record CapacityChange(CapacityRule Rule, string By, string? Reason);
