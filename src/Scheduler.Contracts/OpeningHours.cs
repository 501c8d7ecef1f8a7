namespace Scheduler.Contracts;

/// <summary>Opening and closing time of an office on one day, in the office's local time.</summary>
[GenerateSerializer, Immutable, Alias("scheduler.OpeningHours")]
public sealed record OpeningHours(TimeOnly Open, TimeOnly Close);
